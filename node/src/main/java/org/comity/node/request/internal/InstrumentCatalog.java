package org.comity.node.request.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.comity.node.platform.ComityProperties;
import org.comity.node.request.Completeness;
import org.comity.node.request.DeadlineRule;
import org.comity.node.request.Instrument;
import org.comity.node.request.Instruments;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The instruments, read once at start-up from {@code classpath:instruments/*.yaml} and from
 * {@code <data-dir>/instruments/*.yaml} (where a node adds a treaty without a new release; a file
 * there with the same id replaces the built-in one). A file that does not parse or breaks a rule
 * stops the node with a message naming the file: a wrong legal rule must never run silently.
 */
@Component
public class InstrumentCatalog implements Instruments {

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private final Map<String, Instrument> byId;
    private final List<Instrument> ordered;

    InstrumentCatalog(ComityProperties properties) {
        Map<String, Instrument> loaded = new LinkedHashMap<>();
        try {
            Resource[] builtIn = new PathMatchingResourcePatternResolver().getResources("classpath*:instruments/*.yaml");
            java.util.Arrays.sort(builtIn, Comparator.comparing(Resource::getFilename));
            for (Resource resource : builtIn) {
                try (InputStream in = resource.getInputStream()) {
                    put(loaded, parse(in, resource.getFilename()));
                }
            }
            Path extra = properties.dataDir().resolve("instruments");
            if (Files.isDirectory(extra)) {
                try (Stream<Path> files = Files.list(extra)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                        try (InputStream in = Files.newInputStream(file)) {
                            Instrument i = parse(in, file.toString());
                            loaded.put(i.id(), i);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the instrument files", e);
        }
        this.byId = Map.copyOf(loaded);
        this.ordered = loaded.values().stream().sorted(Comparator.comparing(Instrument::treaty).thenComparing(Instrument::id)).toList();
    }

    @Override
    public List<Instrument> all() {
        return ordered;
    }

    @Override
    public Optional<Instrument> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id));
    }

    private static void put(Map<String, Instrument> loaded, Instrument instrument) {
        if (loaded.putIfAbsent(instrument.id(), instrument) != null) {
            throw new IllegalStateException("two instrument files declare the id " + instrument.id());
        }
    }

    /** Parses and checks one instrument file; fails naming the file and what is wrong. */
    public static Instrument parse(InputStream in, String source) {
        Instrument i;
        try {
            i = YAML.readValue(in, Instrument.class);
        } catch (RuntimeException e) {
            throw new IllegalStateException("instrument file " + source + " does not parse: " + e.getMessage(), e);
        }
        if (i == null) {
            // [fuzzing] an empty YAML document parses to null
            throw new IllegalStateException("instrument file " + source + " is empty");
        }
        List<String> problems = problems(i);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("instrument file " + source + " is wrong: " + String.join("; ", problems));
        }
        return i;
    }

    public static List<String> problems(Instrument i) {
        List<String> problems = new ArrayList<>();
        if (i.id() == null || !i.id().matches("[a-z0-9-]{2,64}")) {
            problems.add("id must be 2-64 lower-case letters, digits or dashes");
        }
        if (i.treaty() == null || i.article() == null || i.title() == null) {
            problems.add("treaty, article and title are required");
        }
        if (i.requestType() == null) {
            problems.add("requestType is required");
        }
        if (i.channel() == null || i.channel().recipients().isEmpty()) {
            problems.add("channel.recipients must name at least one kind of authority");
        }
        for (String field : i.requiredFields()) {
            if (!Completeness.FIELDS.contains(field)) {
                problems.add("unknown required field '" + field + "' (known: " + Completeness.FIELDS + ")");
            }
        }
        for (DeadlineRule rule : i.deadlines()) {
            if (rule.kind() == null || rule.party() == null || rule.startsOn() == null || rule.endsOn().isEmpty()) {
                problems.add("every deadline needs kind, party, startsOn and endsOn");
            }
            if (rule.duration() == null || rule.duration().isNegative() || rule.duration().isZero()) {
                problems.add("deadline " + rule.kind() + " needs a positive duration");
            }
            if (rule.basis() == null || rule.basis().isBlank()) {
                problems.add("deadline " + rule.kind() + " must cite its basis");
            }
        }
        if (i.preservation() != null && (i.preservation().period() == null || i.preservation().period().isNegative())) {
            problems.add("preservation.period must be positive");
        }
        return problems;
    }
}
