package dev.aivid.storage;

import dev.aivid.config.StorageConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Objects in one S3 bucket (AWS or an S3-compatible store). Objects larger than one part are sent
 * as a multipart upload, so no single request carries more than {@code partSizeBytes}, and a
 * failed upload is aborted rather than left to accumulate parts.
 */
public final class S3BlobStore implements BlobBackend, AutoCloseable {
  public static final int DEFAULT_PART_SIZE_BYTES = 8 * 1024 * 1024;
  private static final int MINIMUM_PART_SIZE_BYTES = 5 * 1024 * 1024;

  private final S3Client client;
  private final String bucket;
  private final int partSizeBytes;

  public S3BlobStore(S3Client client, String bucket, int partSizeBytes) {
    if (partSizeBytes < MINIMUM_PART_SIZE_BYTES) {
      throw new IllegalArgumentException("S3 parts must be at least 5 MiB");
    }
    this.client = client;
    this.bucket = bucket;
    this.partSizeBytes = partSizeBytes;
  }

  public static S3BlobStore connect(StorageConfig.S3 settings) {
    return connect(settings, DEFAULT_PART_SIZE_BYTES);
  }

  public static S3BlobStore connect(StorageConfig.S3 settings, int partSizeBytes) {
    S3ClientBuilder builder =
        S3Client.builder()
            .httpClient(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(10))
                    .socketTimeout(Duration.ofSeconds(60))
                    .build())
            .region(Region.of(settings.region()))
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey())))
            .forcePathStyle(settings.pathStyle())
            // Checksums only where S3 demands them: several S3-compatible stores reject the
            // trailing checksums newer SDKs send by default.
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    if (settings.endpoint() != null) {
      builder.endpointOverride(settings.endpoint());
    }
    return new S3BlobStore(builder.build(), settings.bucket(), partSizeBytes);
  }

  /** Fails at startup, not at the first render, when the bucket is missing or unreachable. */
  public void checkBucket() {
    try {
      client.headBucket(request -> request.bucket(bucket));
    } catch (SdkException e) {
      throw new StorageException(
          "storage_unavailable",
          "The bucket '" + bucket + "' (AIVID_S3_BUCKET) is not reachable: " + e.getMessage(),
          e);
    }
  }

  @Override
  public void putFile(String key, Path file) {
    try (InputStream input = Files.newInputStream(file)) {
      put(key, input, Files.size(file));
    } catch (IOException e) {
      throw new StorageException("storage_write_failed", "Cannot read " + file, e);
    }
    BlobStore.deleteQuietly(file);
  }

  @Override
  public void put(String key, InputStream input, long lengthBytes) {
    BlobBackend.checkedKey(key);
    try {
      if (lengthBytes <= partSizeBytes) {
        byte[] bytes = readExactly(input, (int) lengthBytes);
        client.putObject(request -> request.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
      } else {
        putMultipart(key, input, lengthBytes);
      }
    } catch (SdkException | IOException e) {
      throw new StorageException("storage_write_failed", "Cannot store object " + key, e);
    }
  }

  private void putMultipart(String key, InputStream input, long lengthBytes) throws IOException {
    String uploadId =
        client.createMultipartUpload(request -> request.bucket(bucket).key(key)).uploadId();
    try {
      List<CompletedPart> parts = new ArrayList<>();
      long remaining = lengthBytes;
      for (int partNumber = 1; remaining > 0; partNumber++) {
        int size = (int) Math.min(partSizeBytes, remaining);
        byte[] bytes = readExactly(input, size);
        int number = partNumber;
        String eTag =
            client
                .uploadPart(
                    request ->
                        request.bucket(bucket).key(key).uploadId(uploadId).partNumber(number),
                    RequestBody.fromBytes(bytes))
                .eTag();
        parts.add(CompletedPart.builder().partNumber(number).eTag(eTag).build());
        remaining -= size;
      }
      client.completeMultipartUpload(
          request ->
              request
                  .bucket(bucket)
                  .key(key)
                  .uploadId(uploadId)
                  .multipartUpload(upload -> upload.parts(parts)));
    } catch (SdkException | IOException e) {
      try {
        client.abortMultipartUpload(request -> request.bucket(bucket).key(key).uploadId(uploadId));
      } catch (SdkException abortFailure) {
        e.addSuppressed(abortFailure);
      }
      throw e;
    }
  }

  private static byte[] readExactly(InputStream input, int length) throws IOException {
    byte[] bytes = input.readNBytes(length);
    if (bytes.length != length) {
      throw new IOException("Expected " + length + " more bytes, the stream ended after " + bytes.length);
    }
    return bytes;
  }

  @Override
  public Optional<BlobContent> get(String key) {
    BlobBackend.checkedKey(key);
    try {
      ResponseInputStream<GetObjectResponse> stream =
          client.getObject(request -> request.bucket(bucket).key(key));
      return Optional.of(new BlobContent(stream, stream.response().contentLength()));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (SdkException e) {
      throw new StorageException("blob_unreadable", "Cannot read object " + key, e);
    }
  }

  @Override
  public Optional<BlobContent> get(String key, long offsetBytes, long lengthBytes) {
    BlobBackend.checkedKey(key);
    BlobBackend.checkRange(offsetBytes, lengthBytes);
    if (lengthBytes == 0) {
      return exists(key) ? Optional.of(empty()) : Optional.empty();
    }
    long last = offsetBytes + lengthBytes - 1;
    String range = "bytes=" + offsetBytes + "-" + (last < offsetBytes ? "" : String.valueOf(last));
    try {
      ResponseInputStream<GetObjectResponse> stream =
          client.getObject(request -> request.bucket(bucket).key(key).range(range));
      return Optional.of(new BlobContent(stream, stream.response().contentLength()));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 416) {
        return exists(key) ? Optional.of(empty()) : Optional.empty();
      }
      throw new StorageException("blob_unreadable", "Cannot read object " + key, e);
    } catch (SdkException e) {
      throw new StorageException("blob_unreadable", "Cannot read object " + key, e);
    }
  }

  private static BlobContent empty() {
    return new BlobContent(InputStream.nullInputStream(), 0);
  }

  @Override
  public boolean exists(String key) {
    BlobBackend.checkedKey(key);
    try {
      client.headObject(request -> request.bucket(bucket).key(key));
      return true;
    } catch (NoSuchKeyException e) {
      return false;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return false;
      }
      throw new StorageException("blob_unreadable", "Cannot look up object " + key, e);
    } catch (SdkException e) {
      throw new StorageException("blob_unreadable", "Cannot look up object " + key, e);
    }
  }

  @Override
  public void delete(String key) {
    BlobBackend.checkedKey(key);
    try {
      client.deleteObject(request -> request.bucket(bucket).key(key));
    } catch (SdkException e) {
      throw new StorageException("storage_write_failed", "Cannot delete object " + key, e);
    }
  }

  @Override
  public void close() {
    client.close();
  }

  @Override
  public String toString() {
    return "S3 bucket " + bucket;
  }
}
