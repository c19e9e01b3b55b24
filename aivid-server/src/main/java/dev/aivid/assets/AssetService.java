package dev.aivid.assets;

import dev.aivid.assets.internal.AssetProbe;
import dev.aivid.assets.internal.AssetRepository;
import dev.aivid.media.detect.ContentSniffer;
import dev.aivid.media.detect.ContentType;
import dev.aivid.storage.Blob;
import dev.aivid.storage.BlobStore;
import dev.aivid.storage.StorageException;
import dev.aivid.support.Ids;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Uploads are streamed to disk, recognised by their bytes (never their name), checked against the
 * per-kind limits, probed, and stored once per content and organisation.
 */
public final class AssetService {
  private static final int MAX_NAME_CHARACTERS = 255;
  private final AssetRepository repository;
  private final BlobStore blobs;
  private final Ids ids;
  private final InstantSource clock;

  public AssetService(AssetRepository repository, BlobStore blobs, Ids ids, InstantSource clock) {
    this.repository = repository;
    this.blobs = blobs;
    this.ids = ids;
    this.clock = clock;
  }

  public UploadResult upload(
      String organizationId,
      InputStream content,
      @Nullable String declaredKind,
      @Nullable String fileName,
      long maxBytes) {
    StackKind declared = null;
    if (declaredKind != null && !declaredKind.isBlank()) {
      declared =
          StackKind.fromWireName(declaredKind)
              .filter(kind -> !kind.isInline())
              .orElseThrow(
                  () ->
                      new AssetException(
                          AssetException.Kind.INVALID,
                          "invalid_kind",
                          "kind",
                          "kind must be one of image, video, audio, depth_map, skeletal_rig,"
                              + " style_reference, camera_path, negative_reference, regional_mask,"
                              + " color_palette"));
    }
    Path spooled;
    try {
      spooled = blobs.spool(content, maxBytes);
    } catch (StorageException e) {
      if (e.code().equals("too_large")) {
        throw new AssetException(
            AssetException.Kind.TOO_LARGE, "asset_too_large", "file", "The file is larger than " + maxBytes + " bytes");
      }
      throw new AssetException(AssetException.Kind.INVALID, "upload_failed", "file", "The upload was cut off");
    }
    try {
      ContentType type =
          ContentSniffer.sniff(head(spooled))
              .orElseThrow(
                  () ->
                      new AssetException(
                          AssetException.Kind.UNPROCESSABLE,
                          "unsupported_content",
                          "file",
                          describe(fileName)
                              + " is not a supported file (PNG, JPEG, WebP, MP4/MOV, WAV, MP3, FLAC,"
                              + " Ogg, BVH, JSON or GIMP palette), whatever its name says"));
      long size = Files.size(spooled);
      long limit = AssetProbe.maxBytes(type.family());
      if (size > limit) {
        throw new AssetException(
            AssetException.Kind.TOO_LARGE,
            "asset_too_large",
            "file",
            describe(fileName) + " is " + size + " bytes; " + type.name() + " files may be at most " + limit);
      }
      if (declared != null && !declared.accepts(type.family())) {
        throw new AssetException(
            AssetException.Kind.UNPROCESSABLE,
            "kind_mismatch",
            "kind",
            describe(fileName)
                + " was declared "
                + declared.wireName()
                + " but its bytes are "
                + type.name());
      }
      Map<String, Object> metadata = AssetProbe.probe(type, spooled);
      Blob blob = blobs.putFile(spooled, type.mediaType());
      Asset candidate =
          new Asset(
              ids.hex("asset", 24),
              organizationId,
              blob.sha256(),
              type,
              cleanName(fileName),
              blob.sizeBytes(),
              metadata,
              clock.instant());
      Asset stored = repository.insertOrExisting(candidate);
      return new UploadResult(stored, !stored.id().equals(candidate.id()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      BlobStore.deleteQuietly(spooled);
    }
  }

  public Asset get(String organizationId, String id) {
    return repository.find(organizationId, id).orElseThrow(() -> notFound(id));
  }

  public List<Asset> getAll(String organizationId, List<String> ids) {
    return repository.findAll(organizationId, ids);
  }

  public Path content(Asset asset) {
    return blobs.path(asset.sha256());
  }

  public void delete(String organizationId, String id) {
    if (!repository.delete(organizationId, id, clock.instant())) {
      throw notFound(id);
    }
  }

  private static AssetException notFound(String id) {
    return new AssetException(AssetException.Kind.NOT_FOUND, "asset_not_found", "asset_id", "No asset '" + id + "'");
  }

  private static byte[] head(Path file) throws IOException {
    try (InputStream input = Files.newInputStream(file)) {
      return input.readNBytes(ContentSniffer.HEAD_BYTES);
    }
  }

  private static String describe(@Nullable String fileName) {
    return fileName == null ? "The file" : "'" + cleanName(fileName) + "'";
  }

  /** Names are for display and @name mentions only: no paths, no control characters. */
  static @Nullable String cleanName(@Nullable String fileName) {
    if (fileName == null) {
      return null;
    }
    String base = fileName.replace('\\', '/');
    base = base.substring(base.lastIndexOf('/') + 1).replaceAll("\\p{Cntrl}", "").strip();
    if (base.isEmpty()) {
      return null;
    }
    return base.length() > MAX_NAME_CHARACTERS ? base.substring(0, MAX_NAME_CHARACTERS) : base;
  }
}
