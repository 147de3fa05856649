package io.hoarfrost.aeron;

import io.aeron.ChannelUri;
import io.aeron.CommonContext;
import io.aeron.archive.client.AeronArchive;

/**
 * Finds the recording of a replicated stream in an archive: the newest recording of the stream
 * id, with the alias the leader put on its channel.
 */
final class Recordings
{
    private Recordings()
    {
    }

    /** What the archive says about one recording. */
    static final class Found
    {
        long recordingId = -1;
        long startTimestamp;
        long startPosition;
        long stopPosition;
        int initialTermId;
        int termBufferLength;
        int mtuLength;
        int sessionId;
        String alias;
    }

    /**
     * The newest recording of {@code streamId}; null if there is none.
     */
    static Found latest(final AeronArchive archive, final int streamId)
    {
        final Found found = new Found();
        long from = 0;
        while (true)
        {
            final int count = archive.listRecordings(from, 100,
                (controlSessionId, correlationId, recordingId, startTimestamp, stopTimestamp, startPosition, stopPosition,
                initialTermId, segmentFileLength, termBufferLength, mtuLength, sessionId, recordingStreamId,
                strippedChannel, originalChannel, sourceIdentity) ->
                {
                    if (recordingStreamId == streamId && recordingId > found.recordingId)
                    {
                        found.recordingId = recordingId;
                        found.startTimestamp = startTimestamp;
                        found.startPosition = startPosition;
                        found.stopPosition = stopPosition;
                        found.initialTermId = initialTermId;
                        found.termBufferLength = termBufferLength;
                        found.mtuLength = mtuLength;
                        found.sessionId = sessionId;
                        found.alias = ChannelUri.parse(originalChannel).get(CommonContext.ALIAS_PARAM_NAME);
                    }
                });
            if (count < 100)
            {
                break;
            }
            from += count;
        }
        return found.recordingId < 0 ? null : found;
    }
}
