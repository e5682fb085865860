import { MAX_IMAGE_BYTES } from "@agora/protocol/media";
import { describe, expect, it } from "vitest";
import { centredCrop, checkPhotoFile, clampCrop, cropRect, MAX_ZOOM, PHOTO_EDGE } from "./photo.ts";

describe("checkPhotoFile", () => {
  it("accepts an image up to the server's limit", () => {
    expect(checkPhotoFile({ type: "image/jpeg", size: 1000 })).toBeNull();
    expect(checkPhotoFile({ type: "image/png", size: MAX_IMAGE_BYTES })).toBeNull();
  });

  it("refuses what is not an image, then what is too large", () => {
    expect(checkPhotoFile({ type: "application/pdf", size: 10 })).toBe("notImage");
    expect(checkPhotoFile({ type: "", size: 10 })).toBe("notImage");
    expect(checkPhotoFile({ type: "image/jpeg", size: MAX_IMAGE_BYTES + 1 })).toBe("tooLarge");
  });
});

describe("crops", () => {
  it("start on the centred square of a landscape or portrait picture", () => {
    expect(cropRect(400, 300, centredCrop(400, 300))).toEqual({ sx: 50, sy: 0, side: 300, edge: 300 });
    expect(cropRect(300, 400, centredCrop(300, 400))).toEqual({ sx: 0, sy: 50, side: 300, edge: 300 });
  });

  it("stay inside the picture however far they are dragged, and zoom between 1 and the maximum", () => {
    expect(clampCrop(400, 300, { cx: -1000, cy: 5000, zoom: 1 })).toEqual({ cx: 150, cy: 150, zoom: 1 });
    expect(clampCrop(400, 300, { cx: 400, cy: 0, zoom: 2 })).toEqual({ cx: 325, cy: 75, zoom: 2 });
    expect(clampCrop(400, 300, { cx: 200, cy: 150, zoom: 99 }).zoom).toBe(MAX_ZOOM);
    expect(clampCrop(400, 300, { cx: 200, cy: 150, zoom: 0.1 }).zoom).toBe(1);
    expect(cropRect(400, 300, { cx: 0, cy: 0, zoom: 2 })).toEqual({ sx: 0, sy: 0, side: 150, edge: 150 });
  });

  it("scale a large picture down, never a small one up", () => {
    expect(cropRect(4032, 3024, centredCrop(4032, 3024))).toEqual({
      sx: 504,
      sy: 0,
      side: 3024,
      edge: PHOTO_EDGE,
    });
    expect(cropRect(1, 1, centredCrop(1, 1))).toEqual({ sx: 0, sy: 0, side: 1, edge: 1 });
  });
});
