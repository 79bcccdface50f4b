package org.cloakroom.bench;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.cloakroom.codec.CorruptSessionDataException;
import org.cloakroom.codec.SessionCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Encoding and decoding a typical session: the cost every read (decode) and write (encode) pays. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class CodecBenchmark {

    private final SessionCodec codec = SessionCodec.defaults();
    private Map<String, Object> data;
    private String encoded;

    @Setup
    public void setUp() {
        data = RequestBenchmark.typicalSession();
        encoded = codec.encode(data);
    }

    @Benchmark
    public String encode() {
        return codec.encode(data);
    }

    @Benchmark
    public Map<String, Object> decode() throws CorruptSessionDataException {
        return codec.decode(encoded);
    }
}
