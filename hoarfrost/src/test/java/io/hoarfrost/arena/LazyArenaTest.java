package io.hoarfrost.arena;

import io.hoarfrost.memory.Memory;
import io.hoarfrost.memory.NoLeaks;
import org.junit.Assume;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.notNullValue;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

/**
 * What is specific to {@link LazyArena}: reservation, lazy commit, chunks and OS failures.
 */
public class LazyArenaTest
{
    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;

    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void reserving64GiBAndAllocating64MiBGrowsTheResidentSetByLessThan256MiB() throws Exception
    {
        Assume.assumeTrue("needs /proc/self/status", ResidentMemory.available());
        final long before = ResidentMemory.bytes();
        try (LazyArena arena = new LazyArena(64 * GIB))
        {
            assertEquals(64 * GIB, arena.reserved());
            assertEquals(0, arena.committed());
            for (int i = 0; i < 64; i++)
            {
                final long address = arena.allocate(MIB, 64);
                assertNotEquals(0, address);
                Memory.fill(address, MIB, (byte)i);
            }
            assertEquals(64 * MIB, arena.used());
            assertEquals(64 * MIB, arena.committed());
            final long grown = ResidentMemory.bytes() - before;
            assertTrue("VmRSS grew by " + grown + " bytes", grown < 256 * MIB);
        }
    }

    @Test
    public void commitsInStepsAsAllocationAdvancesAndResetKeepsThem()
    {
        try (LazyArena arena = new LazyArena(16 * MIB))
        {
            arena.allocate(10, 1);
            assertEquals(LazyArena.COMMIT_STEP, arena.committed());
            arena.allocate(LazyArena.COMMIT_STEP, 1);
            assertEquals(2L * LazyArena.COMMIT_STEP, arena.committed());
            final long first = arena.offsetOf(arena.allocate(0, 1));
            arena.reset();
            assertEquals(2L * LazyArena.COMMIT_STEP, arena.committed());
            assertEquals(0, arena.offsetOf(arena.allocate(8, 8)));
            assertTrue(first > 0);
        }
    }

    @Test
    public void allocationsNeverStraddleTwoChunks() throws Exception
    {
        final long chunk = LazyArena.MIN_CHUNK_SIZE;
        try (LazyArena arena = new LazyArena(16 * chunk, folder.getRoot().toPath(), chunk))
        {
            final long a = arena.allocate(3000, 1);
            final long b = arena.allocate(3000, 1);
            assertEquals(0, arena.offsetOf(a));
            assertEquals(chunk, arena.offsetOf(b));
            assertEquals(chunk + 3000, arena.used());
            final long whole = arena.allocate(chunk, 4096);
            assertEquals(2 * chunk, arena.offsetOf(whole));
            final byte[] pattern = new byte[(int)chunk];
            for (int i = 0; i < pattern.length; i++)
            {
                pattern[i] = (byte)(i * 31);
            }
            Memory.copy(pattern, 0, whole, pattern.length);
            Memory.fill(b, 3000, (byte)1);
            final byte[] read = new byte[pattern.length];
            Memory.copy(whole, read, 0, read.length);
            assertArrayEquals(pattern, read);
            assertThat(assertThrows(IllegalArgumentException.class, () -> arena.allocate(chunk + 1, 1)).getMessage(),
                containsString("chunk size " + chunk));
        }
    }

    @Test
    public void theLastChunkMayBeShorter()
    {
        final long chunk = LazyArena.MIN_CHUNK_SIZE;
        try (LazyArena arena = new LazyArena(chunk + 100, folder.getRoot().toPath(), chunk))
        {
            assertNotEquals(0, arena.allocate(chunk, 1));
            assertEquals(0, arena.allocate(101, 1));
            final long tail = arena.allocate(100, 1);
            assertEquals(chunk, arena.offsetOf(tail));
            Memory.fill(tail, 100, (byte)9);
            assertEquals(chunk + 100, arena.offsetOf(arena.allocate(0, 1)));
            assertEquals(0, arena.remaining());
        }
    }

    @Test
    public void theBackingFileIsUnlinkedAtOnce()
    {
        try (LazyArena arena = new LazyArena(MIB, folder.getRoot().toPath(), LazyArena.DEFAULT_CHUNK_SIZE))
        {
            arena.allocate(100, 8);
            final String[] files = folder.getRoot().list();
            assertEquals(0, null == files ? -1 : files.length);
        }
    }

    @Test
    public void theDefaultDirectoryIsSharedMemoryWhereItExists()
    {
        final Path shm = Paths.get("/dev/shm");
        Assume.assumeTrue(Files.isDirectory(shm) && Files.isWritable(shm));
        assertEquals(shm, LazyArena.defaultDirectory());
    }

    @Test
    public void aReservationInAMissingDirectoryThrowsWithTheOsReason()
    {
        final Path missing = folder.getRoot().toPath().resolve("missing");
        final OutOfMemoryError error = assertThrows(OutOfMemoryError.class,
            () -> new LazyArena(MIB, missing, LazyArena.DEFAULT_CHUNK_SIZE));
        assertThat(error.getMessage(), containsString("cannot reserve " + MIB + " bytes"));
        assertThat(error.getMessage(), containsString("No such file or directory"));
    }

    @Test
    public void aReservationTheFileSystemRefusesThrowsWithTheOsReasonAndLeavesNoFile() throws Exception
    {
        final Path dir = folder.getRoot().toPath();
        Assume.assumeTrue("ext4 caps files at 16 TiB", "ext4".equals(Files.getFileStore(dir).type()));
        final long reserve = 20L << 40;
        final OutOfMemoryError error = assertThrows(OutOfMemoryError.class,
            () -> new LazyArena(reserve, dir, LazyArena.DEFAULT_CHUNK_SIZE));
        assertThat(error.getMessage(), containsString(String.valueOf(reserve)));
        assertThat(error.getMessage(), containsString("File too large"));
        final File[] left = folder.getRoot().listFiles();
        assertEquals(0, null == left ? -1 : left.length);
    }

    @Test
    public void invalidShapesAreRefused()
    {
        final Path dir = folder.getRoot().toPath();
        assertThrows(IllegalArgumentException.class, () -> new LazyArena(0));
        assertThat(assertThrows(IllegalArgumentException.class, () -> new LazyArena(MIB, dir, 3000)).getMessage(),
            containsString("chunk size 3000"));
        assertThrows(IllegalArgumentException.class, () -> new LazyArena(MIB, dir, 2 * GIB));
        assertThat(assertThrows(IllegalArgumentException.class,
            () -> new LazyArena((LazyArena.MAX_CHUNKS + 1L) * 4096, dir, 4096)).getMessage(),
            containsString("more than " + LazyArena.MAX_CHUNKS + " chunks"));
    }

    @Test
    public void aCommitThatFailsReturnsZeroAndReportsWhy() throws Exception
    {
        try (LazyArena arena = new LazyArena(4 * MIB, folder.getRoot().toPath(), LazyArena.DEFAULT_CHUNK_SIZE))
        {
            assertNotEquals(0, arena.allocate(100, 8));
            assertNull(arena.lastError());
            arena.region().file().close();
            assertNotEquals(0, arena.allocate(1000, 8));
            final long used = arena.used();
            assertEquals(0, arena.allocate(MIB, 8));
            assertEquals(used, arena.used());
            assertEquals(MIB, arena.committed());
            assertThat(arena.lastError(), notNullValue());
            assertThat(arena.lastError().getMessage(), containsString("Stream Closed"));
        }
    }

    @Test
    public void offsetOfAForeignAddressThrows()
    {
        try (LazyArena arena = new LazyArena(MIB))
        {
            final long foreign = Memory.allocate(8);
            try
            {
                assertThrows(IllegalArgumentException.class, () -> arena.offsetOf(foreign));
            }
            finally
            {
                Memory.free(foreign);
            }
        }
    }
}
