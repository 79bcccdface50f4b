package org.cloakroom.it;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * A bare HTTP/1.1 client over one kept-alive socket, for requests that no HTTP client library
 * lets a test send: header values with control characters and bytes above 127. It reads each
 * response whole (by length, by chunks, or to the end when the server closes) and reconnects when
 * the server closes the connection, as servers do after rejecting a request.
 */
final class RawHttp implements AutoCloseable {

    private static final int TIMEOUT_MILLIS = 30_000;

    private final URL base;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    RawHttp(URL base) {
        this.base = base;
    }

    /** Sends a GET with these raw {@code Cookie} header values and returns the response's status. */
    int get(String path, List<byte[]> cookieHeaders) throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(("GET " + base.getPath() + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort() + "\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        for (byte[] value : cookieHeaders) {
            request.writeBytes("Cookie: ".getBytes(StandardCharsets.ISO_8859_1));
            request.writeBytes(value);
            request.writeBytes(new byte[] {'\r', '\n'});
        }
        request.writeBytes(new byte[] {'\r', '\n'});
        if (socket == null) {
            connect();
        }
        try {
            out.write(request.toByteArray());
            out.flush();
            return readResponse();
        } catch (IOException closedBetweenRequests) {
            // A kept-alive connection may be closed by the server at any moment: one retry on a new one.
            connect();
            out.write(request.toByteArray());
            out.flush();
            return readResponse();
        }
    }

    private void connect() throws IOException {
        close();
        socket = new Socket(base.getHost(), base.getPort());
        socket.setSoTimeout(TIMEOUT_MILLIS);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    private int readResponse() throws IOException {
        String statusLine = line();
        int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
        long length = -1;
        boolean chunked = false;
        boolean closes = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                closes = true;
            }
        }
        if (chunked) {
            for (long size = Long.parseLong(line().split(";")[0].trim(), 16); size > 0; size = Long.parseLong(line().split(";")[0].trim(), 16)) {
                skip(size);
                line();
            }
            while (!line().isEmpty()) {
                // trailers
            }
        } else if (length >= 0) {
            skip(length);
        } else {
            closes = true;
            while (in.read() >= 0) {
                // the body runs to the end of the connection
            }
        }
        if (closes) {
            close();
        }
        return status;
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException("connection closed in the middle of a response");
            }
            if (c != '\r') {
                line.write(c);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    private void skip(long bytes) throws IOException {
        for (long left = bytes; left > 0; ) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new EOFException("connection closed in the middle of a body");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            socket.close();
            socket = null;
        }
    }
}
