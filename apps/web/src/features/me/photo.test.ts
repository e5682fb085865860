import { MAX_IMAGE_BYTES } from "@agora/protocol/media";
import { describe, expect, it } from "vitest";
import { centreSquare, checkPhotoFile, PHOTO_EDGE } from "./photo.ts";

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

describe("centreSquare", () => {
  it("keeps the middle of a landscape or portrait picture", () => {
    expect(centreSquare(400, 300)).toEqual({ sx: 50, sy: 0, side: 300, edge: 300 });
    expect(centreSquare(300, 401)).toEqual({ sx: 0, sy: 50, side: 300, edge: 300 });
  });

  it("scales a large picture down, never a small one up", () => {
    expect(centreSquare(4032, 3024)).toEqual({ sx: 504, sy: 0, side: 3024, edge: PHOTO_EDGE });
    expect(centreSquare(1, 1)).toEqual({ sx: 0, sy: 0, side: 1, edge: 1 });
  });
});
