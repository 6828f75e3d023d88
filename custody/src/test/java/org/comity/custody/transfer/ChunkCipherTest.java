package org.comity.custody.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ChunkCipherTest {

    static final UUID TRANSFER = UUID.fromString("0192f1c4-0000-7000-8000-000000000001");

    @Test
    void anItemTravelsInChunksThatOpenBackToItsBytes() throws Exception {
        byte[] item = new byte[10_000];
        new Random(7).nextBytes(item);
        ChunkCipher cipher = ChunkCipher.of(ChunkCipher.newKey(), TRANSFER, item.length, 4096);

        assertThat(cipher.chunks()).isEqualTo(3);
        assertThat(cipher.plainLength(2)).isEqualTo(10_000 - 2 * 4096);
        byte[] back = new byte[item.length];
        for (long n = 0; n < cipher.chunks(); n++) {
            byte[] plain = java.util.Arrays.copyOfRange(item, (int) cipher.offsetOf(n), (int) cipher.offsetOf(n) + cipher.plainLength(n));
            byte[] sealed = cipher.seal(n, plain, plain.length);
            assertThat(sealed).hasSize(plain.length + ChunkCipher.TAG_BYTES);
            System.arraycopy(cipher.open(n, sealed), 0, back, (int) cipher.offsetOf(n), plain.length);
        }
        assertThat(back).isEqualTo(item);
    }

    @Test
    void anEmptyItemIsOneEmptyChunkStillAuthenticated() throws Exception {
        ChunkCipher cipher = ChunkCipher.of(ChunkCipher.newKey(), TRANSFER, 0, 4096);
        assertThat(cipher.chunks()).isEqualTo(1);
        byte[] sealed = cipher.seal(0, new byte[0], 0);
        assertThat(cipher.open(0, sealed)).isEmpty();
        sealed[0] ^= 1;
        assertThatThrownBy(() -> cipher.open(0, sealed)).isInstanceOf(ChunkRejected.class);
    }

    @Test
    void aChunkOpensOnlyAtItsPlaceInItsTransferUnderItsKey() throws Exception {
        byte[] key = ChunkCipher.newKey();
        ChunkCipher cipher = ChunkCipher.of(key, TRANSFER, 8192, 4096);
        byte[] first = cipher.seal(0, new byte[4096], 4096);
        byte[] second = cipher.seal(1, new byte[4096], 4096);

        assertThatThrownBy(() -> cipher.open(1, first)).isInstanceOf(ChunkRejected.class).hasMessageContaining("chunk 1");
        assertThatThrownBy(() -> cipher.open(0, second)).isInstanceOf(ChunkRejected.class);
        assertThatThrownBy(() -> ChunkCipher.of(key, UUID.randomUUID(), 8192, 4096).open(0, first)).isInstanceOf(ChunkRejected.class);
        assertThatThrownBy(() -> ChunkCipher.of(key, TRANSFER, 8193, 4096).open(0, first)).as("another size").isInstanceOf(ChunkRejected.class);
        assertThatThrownBy(() -> ChunkCipher.of(ChunkCipher.newKey(), TRANSFER, 8192, 4096).open(0, first)).isInstanceOf(ChunkRejected.class);
        assertThatThrownBy(() -> cipher.open(0, java.util.Arrays.copyOf(first, first.length - 1))).isInstanceOf(ChunkRejected.class)
                .hasMessageContaining("bytes");
        assertThatThrownBy(() -> cipher.open(2, first)).isInstanceOf(ChunkRejected.class);
        for (int bit = 0; bit < first.length * 8; bit += 997) {
            byte[] flipped = first.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThatThrownBy(() -> cipher.open(0, flipped)).isInstanceOf(ChunkRejected.class);
        }
        assertThat(cipher.toString()).doesNotContain(java.util.HexFormat.of().formatHex(key));
    }
}
