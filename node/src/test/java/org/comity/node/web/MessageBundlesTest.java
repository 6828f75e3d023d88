package org.comity.node.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.comity.node.directory.AuthorityKind;
import org.comity.node.platform.Role;
import org.comity.node.request.Action;
import org.comity.node.request.Confidentiality;
import org.comity.node.request.DataCategory;
import org.comity.node.request.DeadlineKind;
import org.comity.node.request.DeadlineStatus;
import org.comity.node.request.EventType;
import org.comity.node.request.IdentifierType;
import org.comity.node.request.MeasureType;
import org.comity.node.request.Party;
import org.comity.node.request.PreservationStatus;
import org.comity.node.request.RefusalGround;
import org.comity.node.request.RequestStatus;
import org.comity.node.request.Side;
import org.comity.node.request.SubjectKind;
import org.comity.node.request.SubjectRole;
import org.comity.node.request.Urgency;
import org.junit.jupiter.api.Test;

/** The six languages say the same things: same keys, same placeholders, and every key a page can ask for. */
class MessageBundlesTest {

    static final List<String> LANGUAGES = List.of("ar", "zh", "fr", "ru", "es");
    static final Pattern PLACEHOLDER = Pattern.compile("\\{\\d+}");
    static final Pattern LONE_QUOTE = Pattern.compile("(?<!')'(?!')");

    @Test
    void everyLanguageHasEveryKeyAndNoOther() throws IOException {
        Set<String> english = load("").stringPropertyNames();
        for (String lang : LANGUAGES) {
            assertThat(load("_" + lang).stringPropertyNames()).as("keys of messages_%s", lang).isEqualTo(english);
        }
    }

    @Test
    void placeholdersSurviveTranslationAndFormat() throws IOException {
        Properties english = load("");
        for (String lang : LANGUAGES) {
            Properties other = load("_" + lang);
            for (String key : english.stringPropertyNames()) {
                String source = english.getProperty(key);
                String target = other.getProperty(key);
                assertThat(target).as("%s in %s", key, lang).isNotBlank();
                Matcher m = PLACEHOLDER.matcher(source);
                while (m.find()) {
                    assertThat(target).as("%s in %s keeps %s", key, lang, m.group()).contains(m.group());
                }
                if (PLACEHOLDER.matcher(target).find()) {
                    assertThat(LONE_QUOTE.matcher(target).find()).as("%s in %s: a single quote is lost by MessageFormat; write ''", key, lang).isFalse();
                    String formatted = new MessageFormat(target, Locale.forLanguageTag(lang)).format(new Object[] {"A", "B", "C"});
                    assertThat(formatted).as("%s in %s", key, lang).contains("A");
                }
            }
        }
    }

    @Test
    void everyKeyATemplateNamesExists() throws IOException {
        Set<String> english = load("").stringPropertyNames();
        Pattern literal = Pattern.compile("#\\{([a-z][A-Za-z0-9.\\-]+)[}(]");
        Set<String> missing = new TreeSet<>();
        try (Stream<Path> templates = Files.walk(Path.of("src/main/resources/templates"))) {
            for (Path t : templates.filter(p -> p.toString().endsWith(".html")).toList()) {
                Matcher m = literal.matcher(Files.readString(t));
                while (m.find()) {
                    if (!english.contains(m.group(1))) {
                        missing.add(t.getFileName() + ": " + m.group(1));
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void everyValueAPageShowsByNameHasItsWords() throws IOException {
        Set<String> english = load("").stringPropertyNames();
        Map<String, List<? extends Enum<?>>> families = new LinkedHashMap<>();
        families.put("status.", List.of(RequestStatus.values()));
        families.put("urgency.", List.of(Urgency.values()));
        families.put("event.", List.of(EventType.values()));
        families.put("deadline.kind.", List.of(DeadlineKind.values()));
        families.put("deadline.status.", List.of(DeadlineStatus.values()));
        families.put("deadline.party.", List.of(Party.values()));
        families.put("role.", List.of(Role.values()));
        families.put("kind.", List.of(AuthorityKind.values()));
        families.put("ground.", List.of(RefusalGround.values()));
        families.put("measure.", List.of(MeasureType.values()));
        families.put("identifier.", List.of(IdentifierType.values()));
        families.put("data.category.", List.of(DataCategory.values()));
        families.put("subject.kind.", List.of(SubjectKind.values()));
        families.put("subject.role.", List.of(SubjectRole.values()));
        families.put("confidentiality.", List.of(Confidentiality.values()));
        families.put("preservation.", List.of(PreservationStatus.values()));
        families.put("side.", List.of(Side.values()));
        List<String> expected = new ArrayList<>();
        families.forEach((prefix, values) -> values.forEach(v -> expected.add(prefix + v.name())));
        for (Action a : Action.values()) {
            if (a.isLifecycleStep() || a == Action.POST_MESSAGE) {
                expected.add("action." + a.slug());
                expected.add("action." + a.slug() + ".hint");
                expected.add("notice.action." + a.slug());
                if (a.reasonRequired()) {
                    expected.add("action." + a.slug() + ".reason");
                }
            }
        }
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/instruments"))) {
            files.forEach(f -> expected.add("instrument." + f.getFileName().toString().replace(".yaml", "")));
        }
        Languages.ALL.forEach(l -> expected.add("language." + l.code()));
        assertThat(english).containsAll(expected);
    }

    static Properties load(String suffix) throws IOException {
        Properties p = new Properties();
        try (Reader r = new InputStreamReader(MessageBundlesTest.class.getResourceAsStream("/messages" + suffix + ".properties"), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }
}
