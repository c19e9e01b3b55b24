package dev.aivid.stack.internal;

import dev.aivid.assets.StackKind;
import dev.aivid.stack.Mention;
import dev.aivid.stack.StackEntry;
import dev.aivid.stack.StackException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds {@code @Image1}-style mentions in a prompt and resolves them to entries. A mention starts
 * at {@code @} that does not follow a word character (so e-mail addresses are not mentions) and
 * lies outside backtick code spans. Its role is the words after it up to punctuation.
 */
public final class MentionParser {
  private static final int MAX_MENTIONS = 100;

  private MentionParser() {}

  public static List<Mention> resolve(String prompt, List<StackEntry> entries) {
    List<Mention> mentions = new ArrayList<>();
    boolean inCode = false;
    int i = 0;
    while (i < prompt.length()) {
      char character = prompt.charAt(i);
      if (character == '`') {
        inCode = !inCode;
        i++;
        continue;
      }
      if (character != '@' || inCode || (i > 0 && isAddressCharacter(prompt.charAt(i - 1)))) {
        i++;
        continue;
      }
      int end = i + 1;
      while (end < prompt.length() && isTokenCharacter(prompt.charAt(end))) {
        end++;
      }
      if (end == i + 1 || !Character.isLetter(prompt.charAt(i + 1))) {
        i++;
        continue;
      }
      // A trailing dot or dash ends a sentence or clause, not the name.
      while (end > i + 1 && (prompt.charAt(end - 1) == '.' || prompt.charAt(end - 1) == '-')) {
        end--;
      }
      String token = prompt.substring(i, end);
      if (end < prompt.length() && prompt.charAt(end) == '@') {
        i = end;
        continue;
      }
      StackEntry entry = find(token.substring(1), entries, token);
      mentions.add(new Mention(token, i, end, entry.index(), role(prompt, end)));
      if (mentions.size() > MAX_MENTIONS) {
        throw new StackException("too_many_mentions", "prompt", "A prompt may hold at most " + MAX_MENTIONS + " mentions");
      }
      i = end;
    }
    return mentions;
  }

  private static boolean isAddressCharacter(char character) {
    return Character.isLetterOrDigit(character) || character == '.' || character == '_' || character == '-' || character == '+';
  }

  private static boolean isTokenCharacter(char character) {
    return Character.isLetterOrDigit(character) || character == '_' || character == '-' || character == '.';
  }

  private static StackEntry find(String word, List<StackEntry> entries, String token) {
    Optional<StackEntry> byKind = byKindAndOrdinal(word, entries, token);
    if (byKind.isPresent()) {
      return byKind.get();
    }
    List<StackEntry> byName =
        entries.stream()
            .filter(entry -> entry.mentionName() != null && entry.mentionName().equalsIgnoreCase(word))
            .toList();
    if (byName.size() == 1) {
      return byName.getFirst();
    }
    if (byName.size() > 1) {
      throw new StackException(
          "ambiguous_mention",
          "prompt",
          token + " matches " + byName.size() + " entries: " + describe(byName) + "; name them apart");
    }
    throw new StackException(
        "unknown_mention",
        "prompt",
        token + " does not match any entry; the stack has " + (entries.isEmpty() ? "no entries" : describe(entries)));
  }

  /** {@code Image2} → the second image; a kind word with no such entry is an error, not a name. */
  private static Optional<StackEntry> byKindAndOrdinal(String word, List<StackEntry> entries, String token) {
    int digits = word.length();
    while (digits > 0 && Character.isDigit(word.charAt(digits - 1))) {
      digits--;
    }
    if (digits == word.length() || digits == 0) {
      return Optional.empty();
    }
    Optional<StackKind> kind = StackKind.fromMentionWord(word.substring(0, digits));
    if (kind.isEmpty()) {
      return Optional.empty();
    }
    int ordinal;
    try {
      ordinal = Integer.parseInt(word.substring(digits));
    } catch (NumberFormatException e) {
      ordinal = -1;
    }
    for (StackEntry entry : entries) {
      if (entry.kind() == kind.get() && entry.ordinal() == ordinal) {
        return Optional.of(entry);
      }
    }
    long count = entries.stream().filter(entry -> entry.kind() == kind.get()).count();
    throw new StackException(
        "unknown_mention",
        "prompt",
        token
            + " does not exist: the stack has "
            + count
            + " "
            + kind.get().wireName().replace('_', ' ')
            + (count == 1 ? "" : " entries")
            + (entries.isEmpty() ? "" : " (" + describe(entries) + ")"));
  }

  private static String role(String prompt, int from) {
    int end = from;
    while (end < prompt.length() && ".,;:!?\n()[]@`".indexOf(prompt.charAt(end)) < 0) {
      end++;
    }
    String role = prompt.substring(from, end).strip();
    return role.length() > 200 ? role.substring(0, 200) : role;
  }

  private static String describe(List<StackEntry> entries) {
    List<String> parts = new ArrayList<>();
    for (StackEntry entry : entries) {
      String name = entry.mentionName();
      parts.add(entry.mention() + (name == null ? "" : " (" + name + ")"));
    }
    return parts.isEmpty() ? "nothing" : String.join(", ", parts);
  }
}
