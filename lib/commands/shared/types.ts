// The hand-written types that generated event types refer to through a schema's `tsType`: where a
// type derived from the schema would be weaker. Message elements are a union on `MsgType`, so that
// `element.MsgType === 'TIMTextElem'` narrows `MsgContent`. Page 1047/33527 (TIMMessage format).

/** `MsgContent` of a text element. */
// Object type aliases, not interfaces: an alias is assignable to `AnyMessageElement`'s
// `Readonly<Record<string, unknown>>`, an interface is not.
// eslint-disable-next-line @typescript-eslint/consistent-type-definitions
export type TextContent = {
  /** The text. */
  readonly Text: string;
};

/** `MsgContent` of a location element. */
// eslint-disable-next-line @typescript-eslint/consistent-type-definitions
export type LocationContent = {
  /** A description of the place. */
  readonly Desc?: string;
  /** Latitude, in degrees. */
  readonly Latitude?: number;
  /** Longitude, in degrees. */
  readonly Longitude?: number;
};

/** `MsgContent` of an emoji (face) element. */
// eslint-disable-next-line @typescript-eslint/consistent-type-definitions
export type FaceContent = {
  /** The emoji's index, as the app numbers them. */
  readonly Index?: number;
  /** Extra data. */
  readonly Data?: string;
};

/** `MsgContent` of a custom element; every field may be absent. */
// eslint-disable-next-line @typescript-eslint/consistent-type-definitions
export type CustomContent = {
  /** The custom payload, opaque to Tencent (not in APNs payloads). */
  readonly Data?: string;
  /** A description, shown in offline push notifications. */
  readonly Desc?: string;
  /** Extension field, forwarded in push notifications. */
  readonly Ext?: string;
  /** The sound file name for push notifications on iOS. */
  readonly Sound?: string;
};

/**
 * `MsgContent` of a voice element. Messages from the 2.x and 3.x SDKs carry only `UUID` and the
 * sizes, so every field may be absent.
 */
// eslint-disable-next-line @typescript-eslint/consistent-type-definitions
export type SoundContent = {
  /** Where to download the audio. */
  readonly Url?: string;
  /** The audio's unique ID. */
  readonly UUID?: string;
  /** Its size in bytes. */
  readonly Size?: number;
  /** Its length in seconds. */
  readonly Second?: number;
  /** Download flag; `2` for a `Url` that can be downloaded. */
  readonly Download_Flag?: number;
};

/** One size of an image: original, large or thumbnail. */
// eslint-disable-next-line @typescript-eslint/consistent-type-definitions
export type ImageInfo = {
  /** `1` original, `2` large, `3` thumbnail. */
  readonly Type?: number;
  /** Size in bytes. */
  readonly Size?: number;
  /** Width in pixels. */
  readonly Width?: number;
  /** Height in pixels. */
  readonly Height?: number;
  /** Where to download it. */
  readonly URL?: string;
};

/** `MsgContent` of an image element. */
// eslint-disable-next-line @typescript-eslint/consistent-type-definitions
export type ImageContent = {
  /** The image's unique ID. */
  readonly UUID?: string;
  /** `1` JPG, `2` GIF, `3` PNG, `4` BMP, `255` other. */
  readonly ImageFormat?: number;
  /** The sizes the image is stored in. */
  readonly ImageInfoArray?: readonly ImageInfo[];
};

/** `MsgContent` of a file element (the page's table spells `fileName`; its example `FileName`). */
// eslint-disable-next-line @typescript-eslint/consistent-type-definitions
export type FileContent = {
  /** Where to download the file. */
  readonly Url?: string;
  /** The file's unique ID. */
  readonly UUID?: string;
  /** Its size in bytes. */
  readonly FileSize?: number;
  /** Its name. */
  readonly FileName?: string;
  /** Download flag; `2` for a `Url` that can be downloaded. */
  readonly Download_Flag?: number;
};

/** `MsgContent` of a video element. */
// eslint-disable-next-line @typescript-eslint/consistent-type-definitions
export type VideoFileContent = {
  /** Where to download the video. */
  readonly VideoUrl?: string;
  /** The video's unique ID. */
  readonly VideoUUID?: string;
  /** Its size in bytes. */
  readonly VideoSize?: number;
  /** Its length in seconds (`0` from the web client). */
  readonly VideoSecond?: number;
  /** Its format, e.g. `mp4`. */
  readonly VideoFormat?: string;
  /** Download flag; `2` for a `VideoUrl` that can be downloaded. */
  readonly VideoDownloadFlag?: number;
  /** Where to download the thumbnail. */
  readonly ThumbUrl?: string;
  /** The thumbnail's unique ID. */
  readonly ThumbUUID?: string;
  /** The thumbnail's size in bytes. */
  readonly ThumbSize?: number;
  /** The thumbnail's width in pixels. */
  readonly ThumbWidth?: number;
  /** The thumbnail's height in pixels. */
  readonly ThumbHeight?: number;
  /** The thumbnail's format, e.g. `JPG`. */
  readonly ThumbFormat?: string;
  /** Download flag; `2` for a `ThumbUrl` that can be downloaded. */
  readonly ThumbDownloadFlag?: number;
};

/**
 * `MsgContent` of a merged-forward element (`TIMRelayElem`, listed on the Chinese page 269/2720).
 * Its messages are in `MsgList`, or, past 12 KB, only referred to by `JsonMsgKey`.
 */
// eslint-disable-next-line @typescript-eslint/consistent-type-definitions
export type RelayContent = {
  /** The title of the merged messages. */
  readonly Title?: string;
  /** How many messages were merged. */
  readonly MsgNum?: number;
  /** The text shown by clients that cannot show merged messages. */
  readonly CompatibleText?: string;
  /** A summary, one line per message. */
  readonly AbstractList?: readonly string[];
  /** The merged messages, each with its own `MsgBody`. */
  readonly MsgList?: readonly Readonly<Record<string, unknown>>[];
  /** The key of the merged messages when they are too large to carry (over 12 KB). */
  readonly JsonMsgKey?: string;
};

/** A text element: `{ "MsgType": "TIMTextElem", "MsgContent": { "Text": "…" } }`. */
export interface TextElement {
  readonly MsgType: 'TIMTextElem';
  readonly MsgContent: TextContent;
}

/** A location element. */
export interface LocationElement {
  readonly MsgType: 'TIMLocationElem';
  readonly MsgContent: LocationContent;
}

/** An emoji element. */
export interface FaceElement {
  readonly MsgType: 'TIMFaceElem';
  readonly MsgContent: FaceContent;
}

/** A custom element: `{ "MsgType": "TIMCustomElem", "MsgContent": { "Data": "…", … } }`. */
export interface CustomElement {
  readonly MsgType: 'TIMCustomElem';
  readonly MsgContent: CustomContent;
}

/** A voice element. */
export interface SoundElement {
  readonly MsgType: 'TIMSoundElem';
  readonly MsgContent: SoundContent;
}

/** An image element. */
export interface ImageElement {
  readonly MsgType: 'TIMImageElem';
  readonly MsgContent: ImageContent;
}

/** A file element. */
export interface FileElement {
  readonly MsgType: 'TIMFileElem';
  readonly MsgContent: FileContent;
}

/** A video element. */
export interface VideoFileElement {
  readonly MsgType: 'TIMVideoFileElem';
  readonly MsgContent: VideoFileContent;
}

/** A merged-forward element. */
export interface RelayElement {
  readonly MsgType: 'TIMRelayElem';
  readonly MsgContent: RelayContent;
}

/**
 * One element of a message body (`MsgBody`, TIMMessage format, 1047/33527). Narrow on `MsgType`:
 *
 * ```ts
 * for (const element of event.MsgBody) {
 *   if (element.MsgType === 'TIMTextElem') console.log(element.MsgContent.Text); // a string
 * }
 * ```
 *
 * Why the set of `MsgType`s is closed: with a catch-all member `{ MsgType: string }` in the union,
 * `element.MsgType === 'TIMTextElem'` narrows nothing (`'TIMTextElem'` is also a `string`), so
 * `MsgContent.Text` would be `unknown`. So `MsgType` lists the documented names. A type Tencent adds
 * later still passes validation and arrives here typed as one of them; keep a `default` branch, and
 * to test for a new name widen first: `for (const element of event.MsgBody as readonly AnyMessageElement[])`.
 */
export type MessageElement =
  | TextElement
  | LocationElement
  | FaceElement
  | CustomElement
  | SoundElement
  | ImageElement
  | FileElement
  | VideoFileElement
  | RelayElement;

/** The documented `MsgType`s. */
export type MessageElementType = MessageElement['MsgType'];

/** Any message element, whatever its `MsgType`: every {@link MessageElement} is assignable to it. */
export interface AnyMessageElement {
  /** The element's type, any string. */
  readonly MsgType: string;
  /** Its content. */
  readonly MsgContent: Readonly<Record<string, unknown>>;
}

/**
 * An event (or any part of it) with the fields this package does not know, typed `unknown`: the way
 * to read a field Tencent added after this package was written.
 *
 * @example
 * ```ts
 * const extra = (event as WithUnknownFields<typeof event>)['NewField']; // unknown: check it before use
 * ```
 */
export type WithUnknownFields<E> = E & Readonly<Record<string, unknown>>;
