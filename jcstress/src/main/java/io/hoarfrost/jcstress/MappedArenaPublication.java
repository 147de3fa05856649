package io.hoarfrost.jcstress;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.I_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * {@code MappedArena} publication: a writer appends records and commits them with an ordered
 * store of the committed length after the bytes; a {@code MappedArenaReader} on another thread
 * reads the committed length with an ordered load and then the record. A reader that sees the
 * committed length sees the record's bytes (see {@link ArenaEpoch} for how states share an arena).
 */
public final class MappedArenaPublication
{
    private MappedArenaPublication()
    {
    }

    /** Records copied in by {@code append}, which commits. */
    @JCStressTest
    @Outcome(id = "0", expect = ACCEPTABLE, desc = "no new record committed yet")
    @Outcome(id = "1", expect = ACCEPTABLE, desc = "a committed record, with all its bytes")
    @Outcome(id = "-1", expect = FORBIDDEN, desc = "the committed length was seen before the record's bytes")
    @Outcome(expect = FORBIDDEN, desc = "anything else")
    @State
    public static class Append
    {
        static final ArenaEpoch.Source EPOCHS = new ArenaEpoch.Source();

        final ArenaEpoch epoch = EPOCHS.next();

        @Actor
        public void writer()
        {
            epoch.append();
        }

        @Actor
        public void reader(final I_Result r)
        {
            r.r1 = epoch.readNext();
        }

        @Arbiter
        public void arbiter(final I_Result r)
        {
            epoch.finished();
        }
    }

    /** Records placed by {@code allocate}, written in place, then published by {@code commit}. */
    @JCStressTest
    @Outcome(id = "0", expect = ACCEPTABLE, desc = "no new record committed yet")
    @Outcome(id = "1", expect = ACCEPTABLE, desc = "a committed record, with all its bytes")
    @Outcome(id = "-1", expect = FORBIDDEN, desc = "the committed length was seen before the record's bytes")
    @Outcome(expect = FORBIDDEN, desc = "anything else")
    @State
    public static class AllocateAndCommit
    {
        static final ArenaEpoch.Source EPOCHS = new ArenaEpoch.Source();

        final ArenaEpoch epoch = EPOCHS.next();

        @Actor
        public void writer()
        {
            epoch.allocateAndCommit();
        }

        @Actor
        public void reader(final I_Result r)
        {
            r.r1 = epoch.readNext();
        }

        @Arbiter
        public void arbiter(final I_Result r)
        {
            epoch.finished();
        }
    }
}
