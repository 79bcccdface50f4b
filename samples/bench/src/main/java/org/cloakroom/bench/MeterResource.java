package org.cloakroom.bench;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.lang.management.ManagementFactory;

/**
 * The server's counters, read by `run` before and after each load run: bytes allocated by each
 * live thread, and the process's CPU time. Not part of any measured request.
 */
@Path("")
@Produces(MediaType.TEXT_PLAIN)
public class MeterResource {

    /**
     * One line per live thread: its id and {@code getThreadAllocatedBytes}. `run` sums the growth of
     * the threads present in both snapshots and the whole count of new ones, so a thread that ends
     * during a run is left out instead of making the total drop.
     */
    @GET
    @Path("alloc")
    public String allocatedBytes() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] ids = threads.getAllThreadIds();
        long[] bytes = threads.getThreadAllocatedBytes(ids);
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < ids.length; i++) {
            if (bytes[i] >= 0) {
                lines.append(ids[i]).append(' ').append(bytes[i]).append('\n');
            }
        }
        return lines.toString();
    }

    /** CPU time of the whole server process, in nanoseconds. */
    @GET
    @Path("cpu")
    public String cpuNanos() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return Long.toString(os.getProcessCpuTime());
    }
}
