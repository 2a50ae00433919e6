package org.smtpreference.search;

/**
 * Tells whether two words are at most one edit apart: one letter added, removed, changed,
 * or two neighbours swapped.
 */
final class Typos {

	private Typos() {
	}

	static boolean withinOne(String a, String b) {
		if (a.equals(b)) {
			return true;
		}
		int la = a.length();
		int lb = b.length();
		if (Math.abs(la - lb) > 1) {
			return false;
		}
		if (la == lb) {
			int first = -1;
			int differences = 0;
			for (int i = 0; i < la; i++) {
				if (a.charAt(i) != b.charAt(i)) {
					if (differences++ == 0) {
						first = i;
					}
				}
			}
			if (differences == 1) {
				return true;
			}
			return differences == 2 && first + 1 < la && a.charAt(first) == b.charAt(first + 1)
					&& a.charAt(first + 1) == b.charAt(first) && a.substring(first + 2).equals(b.substring(first + 2));
		}
		String longer = (la > lb) ? a : b;
		String shorter = (la > lb) ? b : a;
		int i = 0;
		while (i < shorter.length() && shorter.charAt(i) == longer.charAt(i)) {
			i++;
		}
		return shorter.substring(i).equals(longer.substring(i + 1));
	}

	/**
	 * The number of single-letter edits between two words.
	 */
	static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

}
