package org.comity.node.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals small secrets at rest (second-factor seeds) with AES-256-GCM under the node's secret key.
 *
 * <p>The key lives in {@code <data-dir>/keys/node.p12}, a PKCS#12 keystore protected by the
 * passphrase in {@code COMITY_KEYSTORE_PASSPHRASE}; it is created on first start. In demo mode, with
 * no passphrase given, one is generated and kept beside the keystore (never do that in production).
 */
public final class SecretBox {

    private static final String ALIAS = "comity-secrets";
    private static final int NONCE_BYTES = 12;
    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    private SecretBox(SecretKey key) {
        this.key = key;
    }

    public static SecretBox forTesting(SecretKey key) {
        return new SecretBox(key);
    }

    static SecretBox open(ComityProperties properties) {
        Path dir = properties.dataDir().resolve("keys");
        Path file = dir.resolve("node.p12");
        char[] passphrase = passphrase(properties, dir);
        try {
            Files.createDirectories(dir);
            KeyStore store = KeyStore.getInstance("PKCS12");
            if (Files.exists(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    store.load(in, passphrase);
                } catch (IOException e) {
                    throw new IllegalStateException("Cannot open " + file + ": wrong COMITY_KEYSTORE_PASSPHRASE?", e);
                }
                return new SecretBox((SecretKey) store.getKey(ALIAS, passphrase));
            }
            store.load(null, passphrase);
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256);
            SecretKey key = generator.generateKey();
            store.setEntry(ALIAS, new KeyStore.SecretKeyEntry(key), new KeyStore.PasswordProtection(passphrase));
            Path tmp = Files.createTempFile(dir, "node", ".p12");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                store.store(out, passphrase);
            }
            ownerOnly(tmp);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return new SecretBox(key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot use the node keystore " + file + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(passphrase, '\0');
        }
    }

    private static char[] passphrase(ComityProperties properties, Path dir) {
        String given = properties.security().keystorePassphrase();
        if (given != null && !given.isBlank()) {
            return given.toCharArray();
        }
        if (!properties.demo()) {
            throw new IllegalStateException("Set COMITY_KEYSTORE_PASSPHRASE: it protects the node's keys in " + dir);
        }
        try {
            Files.createDirectories(dir);
            Path demoFile = dir.resolve("demo-passphrase");
            if (!Files.exists(demoFile)) {
                byte[] bytes = new byte[24];
                new SecureRandom().nextBytes(bytes);
                Files.writeString(demoFile, HexFormat.of().formatHex(bytes));
                ownerOnly(demoFile);
            }
            return Files.readString(demoFile).strip().toCharArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void ownerOnly(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    /** Encrypts {@code plaintext}, binding it to {@code context} (for example the owning row's id). */
    public byte[] seal(byte[] plaintext, String context) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(context.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing failed", e);
        }
    }

    /** Decrypts what {@link #seal} produced for the same context; fails if either was altered. */
    public byte[] open(byte[] sealed, String context) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a sealed secret failed its integrity check", e);
        }
    }
}
