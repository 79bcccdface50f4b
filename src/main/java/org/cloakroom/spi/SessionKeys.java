package org.cloakroom.spi;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Session keys: 32 characters of {@code [a-z0-9]} from {@link SecureRandom}, about 165 bits. Only
 * the cookie carries a key; engines that keep sessions on the server store them under the key's
 * {@link #storageId storage id}, so that a copy of the storage (a backup, a replica, a query
 * injected elsewhere) holds no cookie value.
 */
public final class SessionKeys {

    public static final int LENGTH = 32;
    /** The length of a {@link #storageId}: 40 hexadecimal characters, as the key column holds. */
    public static final int STORAGE_ID_LENGTH = 40;
    private static final MessageDigest SHA_256;

    static {
        try {
            SHA_256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
    /**
     * The storage ids of recently used keys, by the key's hash: a request loads and saves under the
     * same id, and the visitor's next request again (the hash is most of the cost of a cache read).
     * Entries are immutable, so the slots need no lock; a lost race costs one more hash.
     */
    private static final int KNOWN_IDS = 1024;
    private static final KnownId[] knownIds = new KnownId[KNOWN_IDS];

    private record KnownId(String key, String id) {
    }

    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private SessionKeys() {
    }

    public static String generate() {
        char[] key = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            // nextInt(bound) rejects out-of-range draws, so every character is equally likely.
            key[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(key);
    }

    /** Whether {@code value} has the shape of a key this library issues. */
    public static boolean isWellFormed(String value) {
        if (value == null || value.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = value.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    /**
     * What a session is stored under on the server: the first 160 bits of the SHA-256 of its key, in
     * lower-case hexadecimal. One way: the key (165 random bits) cannot be recovered from it, and
     * a fast hash is enough because nobody can guess keys to try.
     */
    public static String storageId(String key) {
        int slot = (key.hashCode() ^ (key.hashCode() >>> 16)) & (KNOWN_IDS - 1);
        KnownId known = knownIds[slot];
        if (known != null && sameKey(known.key(), key)) {
            return known.id();
        }
        MessageDigest sha;
        try {
            sha = (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
        byte[] digest = sha.digest(key.getBytes(US_ASCII));
        String id = HexFormat.of().formatHex(digest, 0, STORAGE_ID_LENGTH / 2);
        if (key.length() <= LENGTH) {
            knownIds[slot] = new KnownId(key, id);
        }
        return id;
    }

    /**
     * Whether two keys are equal, in a time that does not depend on where they differ, so that
     * comparing a key from a cookie with a known one tells the sender nothing but yes or no.
     */
    public static boolean sameKey(String a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        int difference = 0;
        for (int i = 0; i < a.length(); i++) {
            difference |= a.charAt(i) ^ b.charAt(i);
        }
        return difference == 0;
    }

    /** Whether {@code value} has the shape of a {@link #storageId}. */
    public static boolean isStorageId(String value) {
        if (value == null || value.length() != STORAGE_ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < STORAGE_ID_LENGTH; i++) {
            char c = value.charAt(i);
            if (!(c >= 'a' && c <= 'f' || c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }
}
