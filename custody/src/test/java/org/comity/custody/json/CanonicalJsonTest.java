package org.comity.custody.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** RFC 8785's own examples: the sample object, the sorting example and the number table of its Appendix B. */
class CanonicalJsonTest {

    @Test
    void theRfcSampleObjectCanonicalizesAsTheRfcSays() {
        String input = """
                {
                  "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
                  "string": "\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\"\\/",
                  "literals": [null, true, false]
                }""";
        assertThat(CanonicalJson.write(Json.parse(input, 10_000)))
                .isEqualTo("{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                        + "\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
    }

    @Test
    void membersAreSortedByUtf16CodeUnits() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("\u20ac", "Euro Sign");
        map.put("\r", "Carriage Return");
        map.put("\ufb33", "Hebrew Letter Dalet With Dagesh");
        map.put("1", "One");
        map.put("\ud83d\ude00", "Emoji: Grinning Face");
        map.put("\u0080", "Control");
        map.put("\u00f6", "Latin Small Letter O With Diaeresis");
        assertThat(CanonicalJson.write(map)).isEqualTo("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\",\"\ud83d\ude00\":\"Emoji: Grinning Face\","
                + "\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
    }

    @ParameterizedTest
    @CsvSource({
            "0000000000000000, 0",
            "8000000000000000, 0",
            "0000000000000001, 5e-324",
            "8000000000000001, -5e-324",
            "7fefffffffffffff, 1.7976931348623157e+308",
            "ffefffffffffffff, -1.7976931348623157e+308",
            "4340000000000000, 9007199254740992",
            "c340000000000000, -9007199254740992",
            "4430000000000000, 295147905179352830000",
            "44b52d02c7e14af5, 9.999999999999997e+22",
            "44b52d02c7e14af6, 1e+23",
            "44b52d02c7e14af7, 1.0000000000000001e+23",
            "444b1ae4d6e2ef4e, 999999999999999700000",
            "444b1ae4d6e2ef4f, 999999999999999900000",
            "444b1ae4d6e2ef50, 1e+21",
            "3eb0c6f7a0b5ed8c, 9.999999999999997e-7",
            "3eb0c6f7a0b5ed8d, 0.000001",
            "41b3de4355555553, 333333333.3333332",
            "41b3de4355555554, 333333333.33333325",
            "41b3de4355555555, 333333333.3333333",
            "41b3de4355555556, 333333333.3333334",
            "41b3de4355555557, 333333333.33333343",
            "becbf647612f3696, -0.0000033333333333333333",
            "43143ff3c1cb0959, 1424953923781206.2"})
    void numbersAreWrittenAsEcmaScriptWritesThem(String bits, String expected) {
        double d = Double.longBitsToDouble(Long.parseUnsignedLong(bits, 16));
        assertThat(CanonicalJson.number(d)).isEqualTo(expected);
    }

    @Test
    void integersAndDecimalsFromTheParserKeepTheirValue() {
        assertThat(CanonicalJson.write(List.of(new BigDecimal("42"), new BigDecimal("-7.250"), 3L, 1_000_000)))
                .isEqualTo("[42,-7.25,3,1000000]");
    }

    @Test
    void valuesADoubleCannotHoldAreRefused() {
        assertThat(CanonicalJson.write(new BigDecimal("9007199254740993"))).as("the nearest double").isEqualTo("9007199254740992");
        assertThatThrownBy(() -> CanonicalJson.write(Double.NaN)).isInstanceOf(JsonException.class);
        assertThatThrownBy(() -> CanonicalJson.write(Map.of(1, "x"))).isInstanceOf(JsonException.class);
        assertThatThrownBy(() -> CanonicalJson.write(new Object())).isInstanceOf(JsonException.class);
    }

    @Test
    void controlCharactersAreEscapedAndEverythingElseIsWrittenAsIs() {
        assertThat(CanonicalJson.write("a\u0001b\u001fc\u007f\u2028é中"))
                .isEqualTo("\"a\\u0001b\\u001fc\u007f\u2028é中\"");
    }
}
