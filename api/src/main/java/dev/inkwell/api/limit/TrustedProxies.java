package dev.inkwell.api.limit;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The setting {@code trustedProxies}: the load balancers whose {@code X-Forwarded-For} is
 * believed, as comma-separated addresses or CIDR blocks ({@code 10.0.0.0/8, ::1}); empty (the
 * default) believes no one. It tells which client sent a request: walking the header from the
 * right (the entry the nearest proxy added), the first address that is not a trusted proxy. So a
 * client cannot choose its address by sending the header itself: what it wrote stands to the
 * left of what our proxy appended, and is never reached.
 */
public final class TrustedProxies {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final String text;
    private final List<Block> blocks;

    private TrustedProxies(String text, List<Block> blocks) {
        this.text = text;
        this.blocks = blocks;
    }

    public static TrustedProxies none() {
        return new TrustedProxies("", List.of());
    }

    @JsonCreator
    public static TrustedProxies parse(String text) {
        List<Block> blocks = new ArrayList<>();
        for (String entry : text.split(",")) {
            if (!entry.isBlank()) {
                blocks.add(Block.parse(entry.strip()));
            }
        }
        return new TrustedProxies(text.strip(), Collections.unmodifiableList(blocks));
    }

    @JsonValue
    @Override
    public String toString() {
        return text;
    }

    /**
     * The client of a request whose connection came from {@code peer}, given the values of its
     * X-Forwarded-For headers in order, as the key its limits are counted under: the address, or
     * for IPv6 its /64 (one subscriber's usual share, so rotating addresses within it gains nothing).
     */
    public String client(String peer, List<String> forwardedFor) {
        InetAddress client = literal(peer);
        if (client == null) {
            return peer;
        }
        List<String> chain = new ArrayList<>();
        for (String header : forwardedFor) {
            chain.addAll(Arrays.asList(header.split(",")));
        }
        for (int i = chain.size() - 1; i >= 0 && isTrusted(client); i--) {
            InetAddress next = literal(chain.get(i));
            if (next == null) {
                break; // not an address: no proxy of ours wrote it
            }
            client = next;
        }
        return key(client);
    }

    /** True when the header is believed from no one (the default). */
    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    private boolean isTrusted(InetAddress address) {
        for (Block block : blocks) {
            if (block.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private static String key(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] bytes = Arrays.copyOf(address.getAddress(), 16);
            Arrays.fill(bytes, 8, 16, (byte) 0);
            try {
                return InetAddress.getByAddress(bytes).getHostAddress() + "/64";
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
        return address.getHostAddress();
    }

    /** An IP address written as a literal (optionally [bracketed] or with a port), else null; never a DNS lookup. */
    static InetAddress literal(String text) {
        String s = text.strip();
        if (s.startsWith("[")) {
            int end = s.indexOf(']');
            s = end < 0 ? "" : s.substring(1, end);
        } else if (s.indexOf(':') > 0 && s.indexOf(':') == s.lastIndexOf(':')) {
            s = s.substring(0, s.indexOf(':')); // IPv4 with a port
        }
        var v4 = IPV4.matcher(s);
        if (v4.matches()) {
            for (int g = 1; g <= 4; g++) {
                if (Integer.parseInt(v4.group(g)) > 255) {
                    return null;
                }
            }
        } else if (!IPV6.matcher(s).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(s); // a literal: parsed, not looked up
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** An address block: the first {@code bits} bits of {@code network}. */
    private record Block(byte[] network, int bits) {
        static Block parse(String entry) {
            int slash = entry.indexOf('/');
            InetAddress address = literal(slash < 0 ? entry : entry.substring(0, slash));
            if (address == null) {
                throw new IllegalArgumentException("trustedProxies: '" + entry + "' is not an IP address or CIDR block");
            }
            int max = address.getAddress().length * 8;
            int bits;
            try {
                bits = slash < 0 ? max : Integer.parseInt(entry.substring(slash + 1));
            } catch (NumberFormatException e) {
                bits = -1;
            }
            if (bits < 0 || bits > max) {
                throw new IllegalArgumentException("trustedProxies: '" + entry + "' has no prefix length of 0 to " + max);
            }
            return new Block(address.getAddress(), bits);
        }

        boolean contains(InetAddress address) {
            byte[] a = address.getAddress();
            if (a.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((a[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
