package io.hoarfrost.memory;

import org.junit.Rule;
import org.junit.Test;

import java.nio.ByteOrder;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.not;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

public class PlatformTest
{
    private static final String JDK = "Java 25 (Test VM 25+1, /opt/jdk-25)";

    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Test
    public void thisJvmIsSupportedAndDescribed()
    {
        final Platform platform = Platform.current();
        assertSame(platform, Platform.current());
        assertTrue(platform.toString(), platform.isSupported());
        assertNull(platform.unsupportedReason());
        platform.requireSupported();
        assertEquals(Platform.REQUIRED_ADDRESS_SIZE, platform.addressSize());
        assertTrue(platform.pageSize() >= 4096 && Integer.bitCount(platform.pageSize()) == 1);
        assertSame(ByteOrder.nativeOrder(), platform.byteOrder());
        assertEquals(Memory.LITTLE_ENDIAN, ByteOrder.LITTLE_ENDIAN == platform.byteOrder());
        assertEquals(Platform.featureVersion(System.getProperty("java.specification.version")), platform.javaVersion());
        assertThat(platform.jdk(), containsString("Java " + platform.javaVersion() + " ("));
        assertThat(platform.jdk(), containsString(System.getProperty("java.home")));
        assertThat(platform.toString(), containsString("supported"));
    }

    @Test
    public void readsFeatureVersionsOfEveryNumberingScheme()
    {
        assertEquals(8, Platform.featureVersion("1.8"));
        assertEquals(11, Platform.featureVersion("11"));
        assertEquals(25, Platform.featureVersion("25"));
        assertEquals(26, Platform.featureVersion("26.1"));
        assertEquals(0, Platform.featureVersion("?"));
    }

    @Test
    public void deniedUnsafeNamesTheJdkTheMissingPieceAndTheFlag()
    {
        final Throwable denied = new ExceptionInInitializerError(new UnsupportedOperationException("arrayBaseOffset"));
        final Platform platform = new Platform(25, JDK, denied, 0, 0, ByteOrder.LITTLE_ENDIAN);

        assertFalse(platform.isSupported());
        final UnsupportedOperationException ex = assertThrows(UnsupportedOperationException.class, platform::requireSupported);
        assertEquals(platform.unsupportedReason(), ex.getMessage());
        assertNull(ex.getCause());
        assertThat(ex.getMessage(), containsString("Hoarfrost cannot run on " + JDK));
        assertThat(ex.getMessage(), containsString("sun.misc.Unsafe memory access is denied"));
        assertThat(ex.getMessage(), containsString("java.lang.UnsupportedOperationException: arrayBaseOffset"));
        assertThat(ex.getMessage(), containsString(Platform.UNSAFE_ALLOW_FLAG));
        assertThat(ex.getMessage(), not(containsString("ExceptionInInitializerError")));
        assertThat(platform.toString(), containsString("unsupported"));
    }

    @Test
    public void missingUnsafeClassAsksForTheJdkUnsupportedModule()
    {
        final Platform platform = new Platform(
            21, JDK, new NoClassDefFoundError("sun/misc/Unsafe"), 0, 0, ByteOrder.LITTLE_ENDIAN);

        assertThat(platform.unsupportedReason(), containsString("sun.misc.Unsafe is missing"));
        assertThat(platform.unsupportedReason(), containsString("jdk.unsupported"));
    }

    @Test
    public void otherUnsafeFailuresGiveTheFlagsEveryJdkAccepts()
    {
        final Platform platform = new Platform(
            17, JDK, new UnsupportedOperationException("no"), 0, 0, ByteOrder.LITTLE_ENDIAN);

        assertThat(platform.unsupportedReason(), containsString("sun.misc.Unsafe memory access failed"));
        assertThat(platform.unsupportedReason(), containsString(Platform.PORTABLE_FLAGS));
    }

    @Test
    public void thirtyTwoBitJvmIsRefusedWithoutASuggestedFlag()
    {
        final Platform platform = new Platform(8, JDK, null, 4, 4096, ByteOrder.BIG_ENDIAN);

        final UnsupportedOperationException ex = assertThrows(UnsupportedOperationException.class, platform::requireSupported);
        assertThat(ex.getMessage(), containsString("a 64-bit JVM is required, but this one has 4-byte addresses"));
        assertThat(ex.getMessage(), containsString("no flag"));
        assertSame(ByteOrder.BIG_ENDIAN, platform.byteOrder());
    }

    @Test
    public void pageSizeMustBeAPowerOfTwo()
    {
        final Platform platform = new Platform(11, JDK, null, 8, 3000, ByteOrder.LITTLE_ENDIAN);

        assertThat(platform.unsupportedReason(), containsString("the page size 3000 is not a power of two"));
        assertTrue(new Platform(11, JDK, null, 8, 65536, ByteOrder.LITTLE_ENDIAN).isSupported());
    }
}
