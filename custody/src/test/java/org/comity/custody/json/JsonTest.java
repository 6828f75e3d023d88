package org.comity.custody.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The strict parser reads JSON and refuses what two readers could understand differently. */
class JsonTest {

    @Test
    void readsEveryKindOfValueInDocumentOrder() {
        Object value = Json.parse(" {\"b\": [1, 2.5, -3e2, true, false, null], \"a\": \"x\\ty\\u00e9\\ud83d\\ude00\", \"c\": {}} ", 1000);
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) value;
        @SuppressWarnings("unchecked")
        List<Object> b = (List<Object>) map.get("b");
        assertThat(map.keySet()).containsExactly("b", "a", "c");
        assertThat(b).containsExactly(new BigDecimal("1"), new BigDecimal("2.5"), new BigDecimal("-3e2"), true, false, null);
        assertThat(map.get("a")).isEqualTo("x\tyé\ud83d\ude00");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", " ", "{", "}", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "'x'", "01", "1.", ".5", "-", "1e", "+1",
            "tru", "nul", "[1] 2", "\"\\x\"", "\"\\u12\"", "\"a\nb\"", "\"\\ud800\"", "\"\\udc00x\"", "{\"a\":1,\"a\":2}",
            "NaN", "Infinity", "1e9999999", "1e400", "-2e308"})
    void refusesWhatIsNotStrictJson(String text) {
        assertThatThrownBy(() -> Json.parse(text, 1000)).isInstanceOf(JsonException.class).hasMessageContaining("");
    }

    @Test
    void duplicateKeysAreNamed() {
        assertThatThrownBy(() -> Json.parse("{\"to\":\"XB\",\"to\":\"XC\"}", 100)).hasMessageContaining("duplicate key \"to\"");
    }

    @Test
    void depthAndSizeAreBounded() {
        String deep = "[".repeat(Json.MAX_DEPTH + 1) + "]".repeat(Json.MAX_DEPTH + 1);
        assertThatThrownBy(() -> Json.parse(deep, 10_000)).hasMessageContaining("nested deeper");
        String ok = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
        assertThat(Json.parse(ok, 10_000)).isInstanceOf(List.class);
        assertThatThrownBy(() -> Json.parse("\"" + "x".repeat(100) + "\"", 50)).hasMessageContaining("longer than 50");
    }

    @Test
    void parseObjectRefusesOtherTopLevelValues() {
        assertThatThrownBy(() -> Json.parseObject("[1]", 100)).hasMessageContaining("expected a JSON object");
        assertThat(Json.parseObject("{\"a\":\"b\"}", 100)).containsEntry("a", "b");
    }
}
