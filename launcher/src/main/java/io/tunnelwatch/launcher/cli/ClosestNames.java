package io.tunnelwatch.launcher.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The names closest to a mistyped one, for "did you mean …?": the optimal string alignment distance (edits,
 * transpositions counted as one) over the name without its leading dashes. Only the nearest names are offered, and
 * only when they are near enough for a typo: one edit in a short name, two in a middling one, three in a long one.
 */
final class ClosestNames {

    private static final int MAX_OFFERED = 3;

    private ClosestNames() {
    }

    /** The nearest of {@code candidates} to {@code typed}, in their given order; empty when none is near. */
    static List<String> to(String typed, Collection<String> candidates) {
        String word = undashed(typed);
        int best = allowed(word.length());
        List<String> nearest = new ArrayList<>();
        for (String candidate : candidates) {
            int d = distance(word, undashed(candidate));
            if (d < best) {
                best = d;
                nearest.clear();
            }
            if (d == best && nearest.size() < MAX_OFFERED && !nearest.contains(candidate)) {
                nearest.add(candidate);
            }
        }
        return nearest;
    }

    private static int allowed(int length) {
        return length <= 4 ? 1 : length <= 8 ? 2 : 3;
    }

    private static String undashed(String name) {
        return name.replaceFirst("^-+", "");
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps cost one each. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[a.length()][b.length()];
    }
}
