package org.cloakroom.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The session data reader: strict JSON, straight to plain nodes. */
class JsonTextTest {

    @Test
    void readsEveryKindOfValueInDocumentOrder() {
        JsonText.Obj top = JsonText.object(" {\"s\":\"caf\\u00e9 \\\"q\\\"\\n\", \"t\":true,\"f\":false,\"n\":null,"
                + "\"i\":-12.5e3,\"a\":[1,[]],\"o\":{\"k\":{}}} ");
        assertEquals(List.of("s", "t", "f", "n", "i", "a", "o"), List.copyOf(top.keySet()));
        assertEquals("café \"q\"\n", top.get("s"));
        assertEquals(Boolean.TRUE, top.get("t"));
        assertEquals(Boolean.FALSE, top.get("f"));
        assertSame(JsonText.NULL, top.get("n"));
        assertEquals(new JsonText.Num("-12.5e3"), top.get("i"));
        assertEquals(List.of(new JsonText.Num("1"), List.of()), top.get("a"));
        assertEquals("{\"k\":{}}", ((JsonText.Obj) top.get("o")).text(), "an object gives its text for JSON-B");
        assertEquals("{}", ((JsonText.Obj) ((JsonText.Obj) top.get("o")).get("k")).text());
    }

    @Test
    void whatJsonOutWritesIsCompactAndReadsBackExactly() {
        StringBuilder text = new StringBuilder();
        String tricky = "q\"b\\c\u0001\n\t/é€";
        new JsonOut(text).writeStartObject().writeKey("k").writeStartArray().write(tricky).write(1).write(2L)
                .write(0.5).write(new java.math.BigDecimal("1.10")).write(true).writeNull().writeStartObject().writeEnd()
                .writeEnd().writeKey("o").writeJson("{\"x\":1}").writeEnd();
        assertEquals("{\"k\":[\"q\\\"b\\\\c\\u0001\\n\\t/é€\",1,2,0.5,1.10,true,null,{}],\"o\":{\"x\":1}}", text.toString());
        JsonText.Arr back = (JsonText.Arr) JsonText.object(text.toString()).get("k");
        assertEquals(tricky, back.get(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "\"x\"", "{", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{\"a\":[1,]}", "{\"a\":01}",
            "{\"a\":1.}", "{\"a\":.5}", "{\"a\":1e}", "{\"a\":+1}", "{\"a\":tru}", "{\"a\":\"\u0001\"}",
            "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"open}", "{\"a\":1,\"a\":2}", "{} {}", "{'a':1}"})
    void refusesAnythingThatIsNotExactlyOneJsonObject(String text) {
        assertThrows(IllegalArgumentException.class, () -> JsonText.object(text), text);
    }
}
