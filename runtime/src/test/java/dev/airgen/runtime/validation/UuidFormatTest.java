package dev.airgen.runtime.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

class UuidFormatTest {

    /** Characters a mutation puts in: hex digits, their neighbours, separators, non-ASCII digits and letters, line ends. */
    private static final String POOL = "0123456789abcdefABCDEF-gGzZ/:@`{ _\n\r\t\u0660\u0669\uff10\uff21\uff41\u00e9";

    /** networknt's own check of the format, from its stock 2019-09 dialect, as the reference. */
    private static final Schema STOCK = ValidatorDifferentialTest.networknt(JsonNodeFactory.instance.objectNode()
            .put("$schema", "https://json-schema.org/draft/2019-09/schema").put("format", "uuid"));

    private static boolean stock(String value) {
        return STOCK.validate(JsonNodeFactory.instance.stringNode(value)).isEmpty();
    }

    @Test
    void agreesWithNetworkntsOwnCheckOnSeededMutations() {
        Random random = new Random(20261203);
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < 20_000; i++) {
            String candidate = mutate(random, random.nextBoolean() ? UUID.randomUUID().toString()
                    : UUID.randomUUID().toString().toUpperCase(java.util.Locale.ROOT));
            boolean expected = stock(candidate);
            assertThat(UuidFormat.isUuid(candidate)).as("uuid format of %s", escape(candidate)).isEqualTo(expected);
            if (expected) {
                accepted++;
            } else {
                refused++;
            }
        }
        // Both verdicts occur often, so the comparison covers each side.
        assertThat(accepted).isGreaterThan(3_000);
        assertThat(refused).isGreaterThan(3_000);
    }

    @Test
    void edgeCases() {
        for (String candidate : new String[] {"", "-", "00000000-0000-0000-0000-000000000000",
                "FFFFFFFF-ffff-FfFf-0000-abcdefABCDEF", "00000000-0000-0000-0000-000000000000\n",
                "\n00000000-0000-0000-0000-000000000000", "00000000-0000-0000-0000-00000000000",
                "00000000-0000-0000-0000-0000000000000", "000000000-000-0000-0000-000000000000",
                "00000000-0000-0000-0000-00000000000\uff10", "0000000g-0000-0000-0000-000000000000",
                "00000000_0000_0000_0000_000000000000", "{00000000-0000-0000-0000-000000000000}"}) {
            assertThat(UuidFormat.isUuid(candidate)).as("uuid format of %s", escape(candidate)).isEqualTo(stock(candidate));
        }
        assertThat(UuidFormat.isUuid("FFFFFFFF-ffff-FfFf-0000-abcdefABCDEF")).isTrue();
        assertThat(UuidFormat.isUuid("00000000-0000-0000-0000-000000000000\n")).isFalse();
    }

    /** One to three changes: a character replaced, inserted or removed, or the text cut short. */
    private static String mutate(Random random, String uuid) {
        StringBuilder s = new StringBuilder(uuid);
        int changes = random.nextInt(4);
        for (int c = 0; c < changes; c++) {
            int kind = random.nextInt(10);
            char pick = POOL.charAt(random.nextInt(POOL.length()));
            if (s.length() == 0 || kind < 6) {
                if (s.length() > 0) {
                    s.setCharAt(random.nextInt(s.length()), pick);
                } else {
                    s.append(pick);
                }
            } else if (kind < 8) {
                s.insert(random.nextInt(s.length() + 1), pick);
            } else if (kind < 9) {
                s.deleteCharAt(random.nextInt(s.length()));
            } else {
                s.setLength(random.nextInt(s.length()));
            }
        }
        return s.toString();
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            out.append(ch < 0x20 || ch > 0x7e ? String.format("\\u%04x", (int) ch) : String.valueOf(ch));
        }
        return out.append('"').toString();
    }
}
