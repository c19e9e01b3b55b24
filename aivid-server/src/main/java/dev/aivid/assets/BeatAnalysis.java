package dev.aivid.assets;

import dev.aivid.media.MediaException;
import dev.aivid.media.audio.AudioDecoder;
import dev.aivid.media.audio.DecodedAudio;
import dev.aivid.media.beats.BeatResult;
import dev.aivid.media.beats.BeatTrack;
import dev.aivid.media.detect.ContentType;

/**
 * Tempo and beats of an uploaded audio asset: the librosa beat tracker ported to Java
 * (aivid-media's {@code beats} package), on the audio decoded to mono 22,050 Hz.
 */
public final class BeatAnalysis {
  /** Longer audio is refused rather than decoded: a soundtrack for a shot, not an album. */
  public static final double MAX_SECONDS = 1200;

  private final AssetService assets;

  public BeatAnalysis(AssetService assets) {
    this.assets = assets;
  }

  public record Beats(Asset asset, double durationSeconds, BeatResult result) {}

  public Beats beats(String organizationId, String assetId) {
    Asset asset = assets.get(organizationId, assetId);
    if (asset.contentType().family() != ContentType.Family.AUDIO) {
      throw new AssetException(
          AssetException.Kind.UNPROCESSABLE,
          "not_audio",
          "asset_id",
          "Asset '" + assetId + "' is " + asset.contentType().mediaType() + "; beats need audio (WAV, MP3, FLAC, Ogg)");
    }
    DecodedAudio audio;
    try {
      audio = AudioDecoder.decode(assets.content(asset), BeatTrack.SAMPLE_RATE, MAX_SECONDS);
    } catch (MediaException e) {
      throw new AssetException(AssetException.Kind.UNPROCESSABLE, e.code(), "asset_id", "The audio cannot be analysed: " + e.getMessage());
    }
    return new Beats(asset, audio.durationSeconds(), BeatTrack.track(audio));
  }
}
