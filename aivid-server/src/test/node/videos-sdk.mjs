// Drives AIVid with the official `openai` npm package, unmodified: create -> poll -> download ->
// list -> delete, then one multipart create with an image. Prints one JSON line for the Java test.
import fs from 'node:fs';
import path from 'node:path';
import OpenAI, { toFile } from 'openai';

const baseURL = process.env.AIVID_BASE_URL;
const apiKey = process.env.AIVID_API_KEY;
const outputDirectory = process.env.AIVID_OUTPUT_DIR;
const imagePath = process.env.AIVID_IMAGE_PATH;
const client = new OpenAI({ baseURL, apiKey, maxRetries: 0, timeout: 120_000 });

async function waitForCompletion(id) {
  const deadline = Date.now() + 120_000;
  let video = await client.videos.retrieve(id);
  const progress = [video.progress];
  while (video.status === 'queued' || video.status === 'in_progress') {
    if (Date.now() > deadline) throw new Error(`video ${id} did not finish in time`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    video = await client.videos.retrieve(id);
    progress.push(video.progress);
  }
  return { video, progress };
}

const created = await client.videos.create({
  model: 'local/previz',
  prompt: 'A paper boat drifts across a rain puddle, Node SDK',
  seconds: '2',
  size: '320x180',
});
const { video, progress } = await waitForCompletion(created.id);
if (video.status !== 'completed') throw new Error(`video failed: ${JSON.stringify(video.error)}`);
const content = await client.videos.downloadContent(video.id);
const videoFile = path.join(outputDirectory, 'node-text.mp4');
fs.writeFileSync(videoFile, Buffer.from(await content.arrayBuffer()));
const thumbnail = await client.videos.downloadContent(video.id, { variant: 'thumbnail' });
const thumbnailBytes = Buffer.from(await thumbnail.arrayBuffer());

const image = await toFile(fs.readFileSync(imagePath), 'first-frame.png', { type: 'image/png' });
const withImage = await client.videos.create({
  model: 'previz',
  prompt: 'The first frame comes from an uploaded PNG',
  seconds: '1',
  size: '320x180',
  input_reference: image,
});
const imageResult = await waitForCompletion(withImage.id);
const imageContent = await client.videos.downloadContent(withImage.id);
const imageVideoFile = path.join(outputDirectory, 'node-image.mp4');
fs.writeFileSync(imageVideoFile, Buffer.from(await imageContent.arrayBuffer()));

// limit 1 makes the SDK follow the cursor through both videos.
const listed = [];
for await (const item of client.videos.list({ limit: 1, order: 'asc' })) listed.push(item.id);

const deleted = await client.videos.delete(video.id);
let retrievedAfterDelete = 0;
try {
  await client.videos.retrieve(video.id);
} catch (error) {
  retrievedAfterDelete = error.status;
}

console.log(
  JSON.stringify({
    createdStatus: created.status,
    progress,
    videoFile,
    thumbnailMagic: thumbnailBytes.subarray(0, 3).toString('hex'),
    listed,
    imageStatus: imageResult.video.status,
    imageVideoFile,
    deleted,
    retrievedAfterDelete,
  }),
);
