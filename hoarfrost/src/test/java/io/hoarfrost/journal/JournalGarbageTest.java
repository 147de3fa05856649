package io.hoarfrost.journal;

import io.hoarfrost.memory.MemoryChecks;
import io.hoarfrost.memory.NoLeaks;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

/**
 * The hot paths allocate no heap: append (buffer and array), claim with commit or abort, a
 * checksummed commit, and a named reader's next with its saved position, measured with HotSpot's
 * per-thread allocation counter (the least of several rounds, after warm-up, within one segment).
 */
public class JournalGarbageTest
{
    private static final int OPERATIONS = 5_000;
    private static final long SLACK = 4_096;

    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private long sum;

    private static long allocatedBytes()
    {
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        assumeTrue("needs HotSpot's allocation counter", threads instanceof com.sun.management.ThreadMXBean);
        return ((com.sun.management.ThreadMXBean)threads).getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    @Test
    public void appendClaimAndNextAllocateNothing() throws Exception
    {
        assumeTrue("checked mode tracks on the heap", !MemoryChecks.ENABLED);
        final Path dir = folder.getRoot().toPath().resolve("journal");
        final UnsafeBuffer message = new UnsafeBuffer(new byte[64]);
        final byte[] array = new byte[64];
        final JournalClaim claim = new JournalClaim();
        try (Journal journal = Journal.create(dir, JournalOptions.defaults().withSegmentSize(1 << 24).withChecksums(true));
             JournalReader reader = JournalReader.open(dir, "garbage"))
        {
            long least = Long.MAX_VALUE;
            for (int round = 0; round < 12; round++)
            {
                final long before = allocatedBytes();
                for (int i = 0; i < OPERATIONS; i++)
                {
                    message.putLong(0, i);
                    journal.append(message, 0, 64);
                    journal.append(array, 0, 64);
                    journal.claim(32, claim);
                    claim.buffer().putLong(claim.offset(), i);
                    claim.commit();
                    journal.claim(16, claim);
                    claim.abort();
                    for (int r = 0; r < 3; r++)
                    {
                        reader.next();
                        sum += reader.buffer().getLong(0) + reader.sequence();
                    }
                }
                least = Math.min(least, allocatedBytes() - before);
            }
            assertEquals("no roll in the measurement", 1, JournalTest.segments(dir));
            // less than a byte per 10 operations: nothing per operation (the counter itself and the JIT leave a few bytes)
            assertTrue(least + " bytes of heap for " + OPERATIONS + " rounds of 3 appends and 3 reads", least < SLACK);
            assertTrue(sum != 0);
        }
    }
}
