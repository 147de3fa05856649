package io.hoarfrost.arena;

import io.hoarfrost.memory.NoLeaks;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.zip.CRC32;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

/**
 * Files that are not valid arenas: a clear {@link IllegalStateException} from both
 * {@link MappedArena#open} and {@link MappedArenaReader#open}, and the file is never modified.
 */
public class MappedArenaHeaderTest
{
    private static final long RESERVE = 64 * 1024;

    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private byte[] validArena() throws Exception
    {
        final Path path = folder.getRoot().toPath().resolve("valid.arena");
        try (MappedArena arena = MappedArena.create(path, RESERVE))
        {
            arena.append(new byte[]{ 1, 2, 3 }, 0, 3);
        }
        final byte[] bytes = Files.readAllBytes(path);
        Files.delete(path);
        return bytes;
    }

    private byte[] patched(final Consumer<UnsafeBuffer> patch) throws Exception
    {
        final byte[] bytes = validArena();
        patch.accept(new UnsafeBuffer(bytes));
        return bytes;
    }

    private void assertRefusedUnmodified(final byte[] contents, final String fault) throws Exception
    {
        final Path path = folder.newFile().toPath();
        Files.write(path, contents);
        final FileTime modified = FileTime.fromMillis(1_000_000_000L);
        Files.setLastModifiedTime(path, modified);

        final IllegalStateException writer = assertThrows(IllegalStateException.class, () -> MappedArena.open(path));
        assertThat(writer.getMessage(), containsString(path.toString()));
        assertThat(writer.getMessage(), containsString(fault));
        final IllegalStateException reader =
            assertThrows(IllegalStateException.class, () -> MappedArenaReader.open(path));
        assertThat(reader.getMessage(), containsString(fault));

        assertArrayEquals(contents, Files.readAllBytes(path));
        assertEquals(modified, Files.getLastModifiedTime(path));
    }

    @Test
    public void aFileThatIsNotAnArena() throws Exception
    {
        assertRefusedUnmodified("8=FIX.4.4|9=65|35=A|".getBytes(StandardCharsets.US_ASCII), "is not a Hoarfrost arena");
        assertRefusedUnmodified(new byte[0], "is not a Hoarfrost arena");
        assertRefusedUnmodified(new byte[8192], "is not a Hoarfrost arena");
    }

    @Test
    public void aTruncatedHeader() throws Exception
    {
        final byte[] valid = validArena();
        assertRefusedUnmodified(Arrays.copyOf(valid, 10), "truncated header");
        assertRefusedUnmodified(Arrays.copyOf(valid, 100), "truncated header");
        assertRefusedUnmodified(Arrays.copyOf(valid, MappedArenaDescriptor.FILE_HEADER_LENGTH - 1), "truncated header");
    }

    @Test
    public void aCorruptHeader() throws Exception
    {
        assertRefusedUnmodified(
            patched(b -> b.putLong(MappedArenaDescriptor.RESERVE_OFFSET, RESERVE * 2)), "corrupt header: checksum");
        assertRefusedUnmodified(
            patched(b -> b.putByte(MappedArenaDescriptor.CHECKSUM_OFFSET, (byte)~b.getByte(0))), "corrupt header");
        assertRefusedUnmodified(patched(b -> b.putInt(MappedArenaDescriptor.VERSION_OFFSET, 0)), "corrupt header");
        assertRefusedUnmodified(
            patched(b -> b.putLong(MappedArenaDescriptor.COMMITTED_LENGTH_OFFSET, RESERVE + 8)), "committed length");
        assertRefusedUnmodified(
            patched(b -> b.putLong(MappedArenaDescriptor.COMMITTED_LENGTH_OFFSET, 13)), "committed length");
    }

    @Test
    public void everyOneBitDamageToTheCommittedLengthIsRefusedWithoutWriting() throws Exception
    {
        for (int bit = 0; bit < Long.SIZE; bit++)
        {
            final long flip = 1L << bit;
            assertRefusedUnmodified(patched(b -> b.putLong(MappedArenaDescriptor.COMMITTED_LENGTH_OFFSET,
                b.getLong(MappedArenaDescriptor.COMMITTED_LENGTH_OFFSET) ^ flip)), "corrupt committed length");
        }
        assertRefusedUnmodified(patched(b -> b.putLong(MappedArenaDescriptor.COMMITTED_LENGTH_OFFSET, 0)),
            "corrupt committed length");
    }

    @Test
    public void aCheckedCommittedLengthPastTheReserveIsRefused() throws Exception
    {
        assertRefusedUnmodified(patched(b -> b.putLong(MappedArenaDescriptor.COMMITTED_LENGTH_OFFSET,
            MappedArenaDescriptor.committedWord(RESERVE + 8))), "beyond the reserve");
    }

    @Test
    public void formatVersionOneIsRefused() throws Exception
    {
        assertRefusedUnmodified(patched(b ->
        {
            b.putInt(MappedArenaDescriptor.VERSION_OFFSET, 1);
            final CRC32 crc = new CRC32();
            crc.update(b.byteArray(), 0, MappedArenaDescriptor.CHECKSUMMED_LENGTH);
            b.putInt(MappedArenaDescriptor.CHECKSUM_OFFSET, (int)crc.getValue());
        }), "format version 1");
    }

    @Test
    public void aNewerFormatVersion() throws Exception
    {
        assertRefusedUnmodified(
            patched(b -> b.putInt(MappedArenaDescriptor.VERSION_OFFSET, MappedArenaDescriptor.VERSION + 1)),
            "newer format version " + (MappedArenaDescriptor.VERSION + 1));
    }

    @Test
    public void aTruncatedFile() throws Exception
    {
        final byte[] valid = validArena();
        assertRefusedUnmodified(Arrays.copyOf(valid, valid.length - 1), "is truncated");
        assertRefusedUnmodified(Arrays.copyOf(valid, MappedArenaDescriptor.FILE_HEADER_LENGTH), "is truncated");
    }

    @Test
    public void aMissingFile()
    {
        final Path path = folder.getRoot().toPath().resolve("nowhere.arena");
        assertThat(assertThrows(UncheckedIOException.class, () -> MappedArena.open(path)).getMessage(),
            containsString("No such file or directory"));
        assertThrows(UncheckedIOException.class, () -> MappedArenaReader.open(path));
        assertEquals(false, Files.exists(path));
    }
}
