package org.comity.custody.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 9162's definitions (sections 2.1.1, 2.1.3.1 and 2.1.4.1) transcribed literally over a list of
 * leaf hashes, recursion and all: slow and obviously right, the model the real code is held to.
 */
final class ReferenceTree {

    private ReferenceTree() {}

    static byte[] mth(List<byte[]> d) {
        int n = d.size();
        if (n == 0) {
            return TreeHash.empty();
        }
        if (n == 1) {
            return d.get(0);
        }
        int k = largestPowerOfTwoBelow(n);
        return TreeHash.node(mth(d.subList(0, k)), mth(d.subList(k, n)));
    }

    static List<byte[]> path(int m, List<byte[]> d) {
        int n = d.size();
        List<byte[]> out = new ArrayList<>();
        if (n == 1) {
            return out;
        }
        int k = largestPowerOfTwoBelow(n);
        if (m < k) {
            out.addAll(path(m, d.subList(0, k)));
            out.add(mth(d.subList(k, n)));
        } else {
            out.addAll(path(m - k, d.subList(k, n)));
            out.add(mth(d.subList(0, k)));
        }
        return out;
    }

    static List<byte[]> proof(int m, List<byte[]> d) {
        return subproof(m, d, true);
    }

    private static List<byte[]> subproof(int m, List<byte[]> d, boolean b) {
        int n = d.size();
        List<byte[]> out = new ArrayList<>();
        if (m == n) {
            if (!b) {
                out.add(mth(d));
            }
            return out;
        }
        int k = largestPowerOfTwoBelow(n);
        if (m <= k) {
            out.addAll(subproof(m, d.subList(0, k), b));
            out.add(mth(d.subList(k, n)));
        } else {
            out.addAll(subproof(m - k, d.subList(k, n), false));
            out.add(mth(d.subList(0, k)));
        }
        return out;
    }

    private static int largestPowerOfTwoBelow(int n) {
        int k = 1;
        while (k << 1 < n) {
            k <<= 1;
        }
        return k;
    }
}
