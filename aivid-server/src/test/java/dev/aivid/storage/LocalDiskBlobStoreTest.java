package dev.aivid.storage;

class LocalDiskBlobStoreTest extends BlobBackendContract {
  @Override
  BlobBackend newBackend() {
    return new LocalDiskBlobStore(work.resolve("blobs"));
  }
}
