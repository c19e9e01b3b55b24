package dev.aivid.media.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class ContentSnifferTest {

  private static byte[] text(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void recognisesEachFormatByItsBytes() {
    assertThat(ContentSniffer.sniff(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0}))
        .contains(ContentType.PNG);
    assertThat(ContentSniffer.sniff(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0}))
        .contains(ContentType.JPEG);
    assertThat(ContentSniffer.sniff(text("RIFF\0\0\0\0WEBPVP8 "))).contains(ContentType.WEBP);
    assertThat(ContentSniffer.sniff(text("RIFF\0\0\0\0WAVEfmt "))).contains(ContentType.WAV);
    assertThat(ContentSniffer.sniff(text("\0\0\0\u0018ftypisom"))).contains(ContentType.MP4);
    assertThat(ContentSniffer.sniff(text("\0\0\0\u0014ftypqt  "))).contains(ContentType.QUICKTIME);
    assertThat(ContentSniffer.sniff(text("fLaC\0\0\0\u0021"))).contains(ContentType.FLAC);
    assertThat(ContentSniffer.sniff(text("OggS\0\u0002"))).contains(ContentType.OGG);
    assertThat(ContentSniffer.sniff(text("ID3\u0004\0"))).contains(ContentType.MP3);
    assertThat(ContentSniffer.sniff(new byte[] {(byte) 0xFF, (byte) 0xFB, (byte) 0x90, 0x64}))
        .contains(ContentType.MP3);
    assertThat(ContentSniffer.sniff(text("  HIERARCHY\nROOT Hips"))).contains(ContentType.BVH);
    assertThat(ContentSniffer.sniff(text("\n{\"version\": 1}"))).contains(ContentType.JSON);
    assertThat(ContentSniffer.sniff(text("[\"#ff0000\"]"))).contains(ContentType.JSON);
    assertThat(ContentSniffer.sniff(text("GIMP Palette\nName: x"))).contains(ContentType.GIMP_PALETTE);
  }

  @Test
  void aZipOrHtmlFileIsNotRecognisedWhateverItsNameSays() {
    assertThat(ContentSniffer.sniff(text("PK\u0003\u0004\u0014\0\0\0"))).isEmpty();
    assertThat(ContentSniffer.sniff(text("<!DOCTYPE html><html>"))).isEmpty();
    assertThat(ContentSniffer.sniff(new byte[0])).isEmpty();
    assertThat(ContentSniffer.sniff(text("   "))).isEmpty();
  }

  @Property(tries = 2000)
  void neverThrowsOnArbitraryBytes(@ForAll byte[] bytes) {
    ContentSniffer.sniff(bytes);
  }
}
