package dev.aivid.media.bvh;

import dev.aivid.media.MediaException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads {@code HIERARCHY} up to and including the {@code MOTION} keyword. Iterative (an explicit stack, no recursion),
 * so nesting costs heap, never Java stack, and is capped at {@link BvhParser#MAX_DEPTH}.
 *
 * <p>Accepted: several {@code ROOT}s (each starts a separate tree; channels follow in file order), names with spaces
 * (kept with single spaces), a name after {@code End Site} (ignored), braces on the keyword's line or their own, any
 * letter case in keywords and channel names, a joint without {@code CHANNELS} (zero channels), repeated channel names.
 * Rejected: {@code OFFSET} missing or repeated, {@code OFFSET} or {@code CHANNELS} after a child, {@code CHANNELS} or
 * children inside an End Site, unknown channel names.
 */
final class HierarchyReader {

  private static final int MAX_NAME_LENGTH = 1_024;
  private static final BvhChannel[] CHANNELS = BvhChannel.values();
  private static final String[] LOWERCASE_CHANNEL_NAMES = lowercaseChannelNames();

  private final BvhTokenizer tokenizer;
  /** Joints in the order they were opened, which is file order. */
  private final List<Node> joints = new ArrayList<>();
  private final List<Node> endSites = new ArrayList<>();
  private final List<Node> open = new ArrayList<>();
  private int channelCount;

  /** A ROOT, JOINT or End Site while it is being read. */
  private static final class Node {
    final String name;
    final int index;
    final int parentIndex;
    final boolean endSite;
    final int firstChannelIndex;
    Vector3 offset = Vector3.ZERO;
    boolean hasOffset;
    List<BvhChannel> channels = List.of();
    boolean hasChannels;
    boolean hasChildren;

    Node(String name, int index, int parentIndex, boolean endSite, int firstChannelIndex) {
      this.name = name;
      this.index = index;
      this.parentIndex = parentIndex;
      this.endSite = endSite;
      this.firstChannelIndex = firstChannelIndex;
    }
  }

  HierarchyReader(BvhTokenizer tokenizer) {
    this.tokenizer = tokenizer;
  }

  BvhSkeleton read() {
    if (!tokenizer.next() || !tokenizer.is("hierarchy")) {
      throw tokenizer.syntax("not a BVH file: expected HIERARCHY, found " + tokenizer.shown());
    }
    while (true) {
      if (!tokenizer.next()) {
        throw truncated("inside HIERARCHY");
      }
      if (tokenizer.is("root")) {
        readTree();
      } else if (tokenizer.is("motion")) {
        break;
      } else {
        throw tokenizer.syntax("expected ROOT or MOTION, found " + tokenizer.shown());
      }
    }
    if (joints.isEmpty()) {
      throw tokenizer.syntax("MOTION before any ROOT");
    }
    return toSkeleton();
  }

  private void readTree() {
    openJoint(-1);
    while (!open.isEmpty()) {
      Node node = open.get(open.size() - 1);
      if (!tokenizer.next()) {
        throw truncated("inside '" + node.name + "'");
      }
      if (tokenizer.is("offset")) {
        readOffset(node);
      } else if (tokenizer.is("channels")) {
        readChannels(node);
      } else if (tokenizer.is("joint")) {
        startChild(node, "JOINT");
        openJoint(node.index);
      } else if (tokenizer.is("end")) {
        startChild(node, "End Site");
        openEndSite(node.index);
      } else if (tokenizer.isBrace('}')) {
        if (!node.hasOffset) {
          throw tokenizer.syntax("'" + node.name + "' has no OFFSET");
        }
        open.remove(open.size() - 1);
      } else {
        throw tokenizer.syntax("unexpected " + tokenizer.shown() + " inside '" + node.name + "'");
      }
    }
  }

  private void openJoint(int parentIndex) {
    checkDepth();
    if (joints.size() >= BvhParser.MAX_JOINTS) {
      throw BvhErrorCodes.atLine(
          BvhErrorCodes.TOO_MANY_JOINTS, tokenizer.tokenLine(), "more than " + BvhParser.MAX_JOINTS + " joints");
    }
    String name = readNameAndOpeningBrace();
    if (name.isEmpty()) {
      throw tokenizer.syntax("a joint without a name");
    }
    var joint = new Node(name, joints.size(), parentIndex, false, channelCount);
    joints.add(joint);
    open.add(joint);
  }

  private void openEndSite(int jointIndex) {
    checkDepth();
    if (endSites.size() >= BvhParser.MAX_JOINTS) {
      throw BvhErrorCodes.atLine(
          BvhErrorCodes.TOO_MANY_JOINTS, tokenizer.tokenLine(), "more than " + BvhParser.MAX_JOINTS + " End Sites");
    }
    if (!tokenizer.nextOnSameLine() || !tokenizer.is("site")) {
      throw tokenizer.syntax("expected 'Site' after 'End', found " + tokenizer.shown());
    }
    readNameAndOpeningBrace();
    var endSite = new Node("End Site", endSites.size(), jointIndex, true, channelCount);
    endSites.add(endSite);
    open.add(endSite);
  }

  private void startChild(Node parent, String child) {
    if (parent.endSite) {
      throw tokenizer.syntax(child + " inside an End Site");
    }
    if (!parent.hasOffset) {
      throw tokenizer.syntax(child + " before the OFFSET of '" + parent.name + "'");
    }
    parent.hasChildren = true;
  }

  private void checkDepth() {
    if (open.size() >= BvhParser.MAX_DEPTH) {
      throw BvhErrorCodes.atLine(
          BvhErrorCodes.TOO_DEEP, tokenizer.tokenLine(), "joints nested deeper than " + BvhParser.MAX_DEPTH + " levels");
    }
  }

  /** The rest of the keyword's line up to '{', then the '{' itself, which may also start the next line. */
  private String readNameAndOpeningBrace() {
    var name = new StringBuilder();
    while (tokenizer.nextOnSameLine()) {
      if (tokenizer.isBrace('{')) {
        return name.toString();
      }
      if (name.length() + 1 + tokenizer.tokenLength() > MAX_NAME_LENGTH) {
        throw tokenizer.syntax("a name longer than " + MAX_NAME_LENGTH + " bytes");
      }
      if (!name.isEmpty()) {
        name.append(' ');
      }
      name.append(tokenizer.text());
    }
    if (!tokenizer.next()) {
      throw truncated("before '{'");
    }
    if (!tokenizer.isBrace('{')) {
      throw tokenizer.syntax("expected '{', found " + tokenizer.shown());
    }
    return name.toString();
  }

  private void readOffset(Node node) {
    if (node.hasOffset || node.hasChildren || node.hasChannels) {
      throw tokenizer.syntax("OFFSET must come once, first, inside '" + node.name + "'");
    }
    double x = nextNumber("an OFFSET coordinate");
    double y = nextNumber("an OFFSET coordinate");
    double z = nextNumber("an OFFSET coordinate");
    node.offset = new Vector3(x, y, z);
    node.hasOffset = true;
  }

  private void readChannels(Node node) {
    if (node.endSite) {
      throw tokenizer.syntax("CHANNELS inside an End Site");
    }
    if (!node.hasOffset || node.hasChannels || node.hasChildren) {
      throw tokenizer.syntax("CHANNELS must come once, after OFFSET and before any child, inside '" + node.name + "'");
    }
    if (!tokenizer.next()) {
      throw truncated("after CHANNELS");
    }
    long count = tokenizer.wholeNumber("a channel count");
    if (count > BvhParser.MAX_CHANNELS_PER_JOINT) {
      throw BvhErrorCodes.atLine(BvhErrorCodes.TOO_MANY_CHANNELS, tokenizer.tokenLine(),
          "'" + node.name + "' declares " + count + " channels, more than " + BvhParser.MAX_CHANNELS_PER_JOINT);
    }
    var channels = new ArrayList<BvhChannel>((int) count);
    for (int index = 0; index < count; index++) {
      if (!tokenizer.next()) {
        throw truncated("inside CHANNELS");
      }
      channels.add(channel());
    }
    node.channels = List.copyOf(channels);
    node.hasChannels = true;
    channelCount += channels.size();
  }

  private BvhChannel channel() {
    for (int index = 0; index < CHANNELS.length; index++) {
      if (tokenizer.is(LOWERCASE_CHANNEL_NAMES[index])) {
        return CHANNELS[index];
      }
    }
    throw tokenizer.syntax("unknown channel " + tokenizer.shown());
  }

  private double nextNumber(String what) {
    if (!tokenizer.next()) {
      throw truncated("inside OFFSET");
    }
    return tokenizer.number(what);
  }

  private MediaException truncated(String where) {
    return BvhErrorCodes.atLine(BvhErrorCodes.TRUNCATED, tokenizer.line(), "input ends " + where);
  }

  private BvhSkeleton toSkeleton() {
    var jointRecords = new ArrayList<BvhJoint>(joints.size());
    for (Node joint : joints) {
      jointRecords.add(new BvhJoint(joint.name, joint.parentIndex, joint.offset, joint.channels, joint.firstChannelIndex));
    }
    var endSiteRecords = new ArrayList<BvhEndSite>(endSites.size());
    for (Node endSite : endSites) {
      endSiteRecords.add(new BvhEndSite(endSite.parentIndex, endSite.offset));
    }
    return new BvhSkeleton(jointRecords, endSiteRecords);
  }

  private static String[] lowercaseChannelNames() {
    var names = new String[CHANNELS.length];
    for (int index = 0; index < CHANNELS.length; index++) {
      names[index] = CHANNELS[index].fileName().toLowerCase(Locale.ROOT);
    }
    return names;
  }
}
