package dev.aivid.assets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aivid.support.Http;
import dev.aivid.support.Multipart;
import dev.aivid.support.TestImages;
import dev.aivid.support.TestServers;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class AudioBeatsApiTest {
  private final Http http;

  AudioBeatsApiTest() {
    TestServers.Tenant tenant = TestServers.newTenant(TestServers.shared());
    http = new Http(tenant.baseUrl(), tenant.apiKey());
  }

  @Test
  void anUploadedClickTrackGivesItsTempoAndBeats() {
    String asset = upload("clicks.wav", clickTrackWav(120, 20), "audio");

    Http.Response response = http.postJson("/v1/audio/beats", "{\"asset_id\":\"" + asset + "\"}");

    assertThat(response.status()).as(response.text()).isEqualTo(200);
    JsonNode beats = response.json();
    assertThat(beats.path("tempo_bpm").asDouble()).isBetween(120 * 0.98, 120 * 1.02);
    assertThat(beats.path("duration_seconds").asDouble()).isBetween(19.9, 20.1);
    // A beat every half second after the first one, each within mir_eval's 70 ms of a click.
    assertThat(beats.path("beat_count").asInt()).isBetween(34, 40);
    for (JsonNode beat : beats.path("beats")) {
      double offBeat = Math.abs(beat.asDouble() / 0.5 - Math.round(beat.asDouble() / 0.5)) * 0.5;
      assertThat(offBeat).as("beat at %s s", beat.asDouble()).isLessThan(0.07);
    }
  }

  @Test
  void aNonAudioAssetOrAMissingIdIsRefusedByField() {
    String image = upload("still.png", TestImages.png(32, 32, Color.RED), "image");

    Http.Response notAudio = http.postJson("/v1/audio/beats", "{\"asset_id\":\"" + image + "\"}");
    assertThat(notAudio.status()).isEqualTo(422);
    assertThat(notAudio.json().path("code").asText()).isEqualTo("not_audio");
    assertThat(notAudio.json().path("param").asText("") + notAudio.text()).contains("asset_id");

    Http.Response missing = http.postJson("/v1/audio/beats", "{}");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().path("code").asText()).isEqualTo("missing_asset_id");
    assertThat(http.postJson("/v1/audio/beats", "{\"asset_id\":\"asset_nope\"}").status()).isEqualTo(404);
  }

  private String upload(String name, byte[] content, String kind) {
    Multipart body = new Multipart().file("file", name, "application/octet-stream", content).field("kind", kind);
    Http.Response response = http.post("/v1/assets", body.contentType(), HttpRequest.BodyPublishers.ofByteArray(body.build()));
    assertThat(response.status()).as(response.text()).isIn(200, 201);
    return response.json().path("id").asText();
  }

  /** 16-bit mono PCM WAV at 22,050 Hz: a short decaying 1 kHz click on every beat. */
  private static byte[] clickTrackWav(double bpm, int seconds) {
    int rate = 22_050;
    short[] samples = new short[rate * seconds];
    double period = 60.0 / bpm;
    for (double time = 0; time < seconds; time += period) {
      int start = (int) Math.round(time * rate);
      for (int i = 0; i < 600 && start + i < samples.length; i++) {
        double value = Math.sin(2 * Math.PI * 1000 * i / rate) * Math.exp(-i / 120.0);
        samples[start + i] = (short) (value * 20_000);
      }
    }
    ByteBuffer data = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (short sample : samples) {
      data.putShort(sample);
    }
    ByteArrayOutputStream wav = new ByteArrayOutputStream();
    ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
    header.put("RIFF".getBytes()).putInt(36 + data.capacity()).put("WAVE".getBytes());
    header.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2)
        .putShort((short) 2).putShort((short) 16);
    header.put("data".getBytes()).putInt(data.capacity());
    wav.writeBytes(header.array());
    wav.writeBytes(data.array());
    return wav.toByteArray();
  }
}
