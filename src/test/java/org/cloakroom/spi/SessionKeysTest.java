package org.cloakroom.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SessionKeysTest {

    private static String sha256Prefix(String key) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(digest, 0, SessionKeys.STORAGE_ID_LENGTH / 2);
    }

    @Test
    void aStorageIdIsTheFirst160BitsOfTheKeysSha256WhetherRememberedOrNot() throws Exception {
        String key = SessionKeys.generate();
        String first = SessionKeys.storageId(key);
        assertEquals(sha256Prefix(key), first);
        assertEquals(first, SessionKeys.storageId(new String(key.toCharArray())), "asked again, from the memory");
        assertTrue(SessionKeys.isStorageId(first));
    }

    @Test
    void keysThatShareASlotStillGetTheirOwnIds() throws Exception {
        // "Aa" and "BB" have the same hashCode, so these two keys land in the same slot.
        String one = "Aa" + "x".repeat(SessionKeys.LENGTH - 2);
        String two = "BB" + "x".repeat(SessionKeys.LENGTH - 2);
        assertEquals(one.hashCode(), two.hashCode());
        for (int i = 0; i < 3; i++) {
            assertEquals(sha256Prefix(one), SessionKeys.storageId(one));
            assertEquals(sha256Prefix(two), SessionKeys.storageId(two));
        }
        assertNotEquals(SessionKeys.storageId(one), SessionKeys.storageId(two));
    }

    @Test
    void sameKeyIsPlainEqualityWhateverWhereTheKeysDiffer() {
        String key = SessionKeys.generate();
        assertTrue(SessionKeys.sameKey(key, new String(key.toCharArray())));
        assertFalse(SessionKeys.sameKey(key, key.substring(1)));
        assertFalse(SessionKeys.sameKey(key, (key.charAt(0) == 'a' ? 'b' : 'a') + key.substring(1)));
        assertFalse(SessionKeys.sameKey(key, key.substring(0, key.length() - 1) + (key.endsWith("a") ? "b" : "a")));
        assertTrue(SessionKeys.sameKey("", ""));
    }
}
