package scot.sirgateway.storage;

import java.io.InputStream;
import java.util.List;

import jakarta.mail.internet.SharedInputStream;

/**
 * A blob's bytes as its decrypted chunks, every one of which has passed its check: read as a stream that Jakarta
 * Mail shares ({@link SharedInputStream}), so a message parsed from it is views on these chunks. A large blob is
 * so held in pieces of a quarter megabyte, not one array of 25 MB, which a heap of 256 MB cannot always place
 * in one piece.
 */
public final class StoredBytes {

    private final List<byte[]> chunks;
    private final long[] starts;
    private final long size;

    StoredBytes(List<byte[]> chunks) {
        this.chunks = List.copyOf(chunks);
        this.starts = new long[chunks.size()];
        long at = 0;
        for (int i = 0; i < chunks.size(); i++) {
            starts[i] = at;
            at += chunks.get(i).length;
        }
        this.size = at;
    }

    public long size() {
        return size;
    }

    /** The bytes from the first to the last, as a shared stream. */
    public InputStream stream() {
        return new Stream(0, size);
    }

    private int chunkOf(long position) {
        int low = 0;
        int high = starts.length - 1;
        while (low < high) {
            int middle = (low + high + 1) >>> 1;
            if (starts[middle] <= position) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        return low;
    }

    private final class Stream extends InputStream implements SharedInputStream {
        private final long start;
        private final long end;
        private long position;
        private long mark;
        /** The chunk last read from: a parser reading byte by byte stays in it for a quarter megabyte. */
        private int current;

        Stream(long start, long end) {
            this.start = start;
            this.end = end;
            this.position = start;
            this.mark = start;
        }

        @Override
        public int read() {
            if (position >= end) {
                return -1;
            }
            int chunk = chunk();
            int b = chunks.get(chunk)[(int) (position - starts[chunk])] & 0xff;
            position++;
            return b;
        }

        @Override
        public int read(byte[] b, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            if (position >= end) {
                return -1;
            }
            int chunk = chunk();
            int from = (int) (position - starts[chunk]);
            int take = (int) Math.min(Math.min(length, chunks.get(chunk).length - from), end - position);
            System.arraycopy(chunks.get(chunk), from, b, offset, take);
            position += take;
            return take;
        }

        private int chunk() {
            if (position < starts[current] || position - starts[current] >= chunks.get(current).length) {
                current = chunkOf(position);
            }
            return current;
        }

        @Override
        public long skip(long n) {
            long skipped = Math.max(0, Math.min(n, end - position));
            position += skipped;
            return skipped;
        }

        @Override
        public int available() {
            return (int) Math.min(Integer.MAX_VALUE, end - position);
        }

        @Override
        public boolean markSupported() {
            return true;
        }

        @Override
        public synchronized void mark(int limit) {
            mark = position;
        }

        @Override
        public synchronized void reset() {
            position = mark;
        }

        @Override
        public long getPosition() {
            return position - start;
        }

        @Override
        public InputStream newStream(long from, long to) {
            if (from < 0) {
                throw new IllegalArgumentException("start < 0");
            }
            long newEnd = to == -1 ? end : Math.min(end, start + to);
            return new Stream(Math.min(start + from, newEnd), newEnd);
        }
    }
}
