package org.comity.node.exchange.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.comity.custody.json.CanonicalJson;
import org.comity.custody.json.Json;

/**
 * The answer to a batch (docs/formats/envelope.md, "Batches"): one result per message, in the
 * batch's order. A result is the receipt ({@code status} 200), or the status and problem code a
 * single envelope with that message would have got ({@code 400}, {@code 409}, {@code 422}), or
 * {@code 503} when the receiver could not take the message now and it should come again.
 */
record BatchAnswer(List<Result> results) {

    static final String SCHEMA = "comity.batch-answer/1";
    private static final Set<String> FIELDS = Set.of("schema", "results");
    private static final Set<String> RECEIPTED = Set.of("message", "status", "receipt");
    private static final Set<String> REFUSED = Set.of("message", "status", "code", "detail");
    /** The receipts of a full batch fit many times over; anything longer is not an answer. */
    static final int MAX_CHARS = 4 * 1024 * 1024;

    /** @param message the message's id, or null when the entry could not be read as a message */
    record Result(UUID message, int status, String receipt, String code, String detail) {

        static Result receipted(UUID message, String receipt) {
            return new Result(message, 200, receipt, null, null);
        }

        static Result refused(UUID message, int status, String code, String detail) {
            String text = detail == null ? "" : detail;
            return new Result(message, status, null, code, text.length() > 1000 ? text.substring(0, 1000) : text);
        }

        boolean accepted() {
            return status == 200;
        }

        boolean permanent() {
            return BatchAnswer.permanent(status, code);
        }
    }

    /**
     * The code of a refusal that the same bytes may overcome later: the peer does not know the key
     * the message is signed with, most likely because the directory's edition naming it has not
     * reached it yet (a key rotation); the message waits and is tried again.
     */
    static final String KEY_NOT_KNOWN_YET = "unknown-signer";

    /**
     * The code of a refusal that time overcomes: the message is dated ahead of the recipient's
     * clock by more than its tolerance (a sender's clock running fast). The same bytes are taken
     * once the recipient's clock has caught up, so the message waits and is tried again.
     */
    static final String AHEAD_OF_CLOCK = "from-the-future";

    /**
     * A refusal (HTTP status, and problem code if any) that is a verdict: sending the same bytes
     * again cannot change it. Any 4xx but timeout, too early, too many, a key not known yet, a
     * message dated ahead of the recipient's clock, and an envelope sealed to a retired key.
     */
    static boolean permanent(int status, String code) {
        return status >= 400 && status < 500 && status != 408 && status != 425 && status != 429 && !KEY_NOT_KNOWN_YET.equals(code)
                && !AHEAD_OF_CLOCK.equals(code) && !NOT_FOR_US_YET.equals(code);
    }

    /**
     * The code of a refusal for an envelope or batch sealed to an encryption key the recipient no
     * longer holds (a sender whose trust list lags behind the recipient's rotation, or clocks apart
     * at the old key's end). Every attempt seals anew to the key the trust list in force names, so
     * it is tried again.
     */
    static final String NOT_FOR_US_YET = "not-for-us";

    String json() {
        List<Object> list = new ArrayList<>(results.size());
        for (Result r : results) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("message", r.message() == null ? null : r.message().toString());
            item.put("status", r.status());
            if (r.accepted()) {
                item.put("receipt", r.receipt());
            } else {
                item.put("code", r.code());
                item.put("detail", r.detail());
            }
            list.add(item);
        }
        return CanonicalJson.write(Map.of("schema", SCHEMA, "results", list));
    }

    /**
     * Reads a peer's answer to a batch of {@code sent} messages; anything else (another count, a
     * result for another message, a field too many) is refused with {@link IllegalArgumentException}.
     */
    static BatchAnswer parse(String text, List<UUID> sent) {
        if (text == null || text.length() > MAX_CHARS) {
            throw new IllegalArgumentException("the answer is missing or longer than " + MAX_CHARS + " characters");
        }
        Map<String, Object> json;
        try {
            json = Json.parseObject(text, MAX_CHARS);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the answer is not a JSON object");
        }
        if (!FIELDS.equals(json.keySet()) || !SCHEMA.equals(json.get("schema")) || !(json.get("results") instanceof List<?> items)) {
            throw new IllegalArgumentException("the answer is not " + SCHEMA);
        }
        if (items.size() != sent.size()) {
            throw new IllegalArgumentException("the answer has " + items.size() + " results for " + sent.size() + " messages");
        }
        List<Result> results = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof Map<?, ?> item) || !(item.get("status") instanceof BigDecimal number)) {
                throw new IllegalArgumentException("result " + i + " is not an object with a status");
            }
            int status;
            try {
                status = number.intValueExact();
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("result " + i + ": the status is not a whole number");
            }
            Object message = item.get("message");
            if (message != null && !sent.get(i).toString().equals(message)) {
                throw new IllegalArgumentException("result " + i + " is for message " + message + ", not " + sent.get(i));
            }
            if (status == 200) {
                if (!RECEIPTED.equals(item.keySet()) || message == null || !(item.get("receipt") instanceof String receipt)) {
                    throw new IllegalArgumentException("result " + i + " accepts the message without a receipt");
                }
                results.add(Result.receipted(sent.get(i), receipt));
            } else if (status >= 400 && status <= 599) {
                if (!REFUSED.equals(item.keySet()) || !(item.get("code") instanceof String code) || !(item.get("detail") instanceof String detail)) {
                    throw new IllegalArgumentException("result " + i + " refuses the message without a code and a detail");
                }
                results.add(Result.refused(sent.get(i), status, code, detail));
            } else {
                throw new IllegalArgumentException("result " + i + " has status " + status);
            }
        }
        return new BatchAnswer(results);
    }
}
