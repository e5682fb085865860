import type { ReactNode } from "react";
import type { StickerId } from "./stickers.ts";

/**
 * The built-in stickers, drawn as inline SVG faces: no image to fetch, no emoji font needed,
 * crisp at any size. Decorative; the caller names it.
 */
export function Sticker({ id, size = 96 }: { id: StickerId | null; size?: number }) {
  return (
    <svg viewBox="0 0 100 100" width={size} height={size} aria-hidden="true" focusable="false">
      {id ? FACES[id] : <circle cx="50" cy="50" r="40" fill="#d0d5dd" />}
    </svg>
  );
}

const SKIN = "#ffcc4d";
const LINE = "#664500";

function face(fill = SKIN): ReactNode {
  return <circle cx="50" cy="52" r="40" fill={fill} stroke="#f4a300" strokeWidth="2" />;
}

function eyes(): ReactNode {
  return (
    <>
      <ellipse cx="37" cy="45" rx="4.5" ry="6.5" fill={LINE} />
      <ellipse cx="63" cy="45" rx="4.5" ry="6.5" fill={LINE} />
    </>
  );
}

function closedEyes(): ReactNode {
  return (
    <path
      d="M30 45q7-7 14 0M56 45q7-7 14 0"
      stroke={LINE}
      strokeWidth="4"
      fill="none"
      strokeLinecap="round"
    />
  );
}

function heart(x: number, y: number, s: number): ReactNode {
  return (
    <path
      transform={`translate(${x} ${y}) scale(${s})`}
      d="M0 3C0-2 6-4 8 0c2-4 8-2 8 3 0 5-8 10-8 10S0 8 0 3Z"
      fill="#e0245e"
    />
  );
}

const FACES: Record<StickerId, ReactNode> = {
  wave: (
    <>
      {face()}
      {eyes()}
      <path d="M34 64q16 14 32 0" stroke={LINE} strokeWidth="4" fill="none" strokeLinecap="round" />
      <g transform="rotate(-20 82 30)">
        <rect x="72" y="14" width="20" height="26" rx="9" fill={SKIN} stroke="#f4a300" strokeWidth="2" />
        <path d="M74 20v-6M80 17v-8M86 17v-7" stroke="#f4a300" strokeWidth="2" strokeLinecap="round" />
      </g>
      <path
        d="M90 48q5 4 4 10M86 54q3 3 2 7"
        stroke="#8ecae6"
        strokeWidth="3"
        fill="none"
        strokeLinecap="round"
      />
    </>
  ),
  laugh: (
    <>
      {face()}
      {closedEyes()}
      <path d="M28 58h44q-4 22-22 22T28 58Z" fill={LINE} />
      <path d="M36 70q14 8 28 0" fill="#ff7892" />
      <path
        d="M22 46q-6 6-3 14M78 46q6 6 3 14"
        stroke="#5dadec"
        strokeWidth="5"
        fill="none"
        strokeLinecap="round"
      />
    </>
  ),
  love: (
    <>
      {face()}
      {heart(27, 36, 1.2)}
      {heart(54, 36, 1.2)}
      <path d="M34 64q16 14 32 0" stroke={LINE} strokeWidth="4" fill="none" strokeLinecap="round" />
    </>
  ),
  thumbs_up: (
    <>
      <circle cx="50" cy="52" r="42" fill="#e3f5ee" />
      <path
        d="M30 50h10l12-22c3-5 10-3 10 3l-3 13h15c5 0 8 4 7 8l-5 20c-1 4-4 6-8 6H40V50"
        fill={SKIN}
        stroke="#f4a300"
        strokeWidth="3"
        strokeLinejoin="round"
      />
      <rect x="24" y="48" width="14" height="32" rx="3" fill="#f4a300" />
    </>
  ),
  party: (
    <>
      {face()}
      <g transform="translate(2 8) rotate(-12 40 16)">
        <path d="M30 20 46 4l6 22Z" fill="#7c3aed" />
        <circle cx="46" cy="4" r="4" fill="#f04438" />
      </g>
      {closedEyes()}
      <path d="M36 62q14 12 28 0" stroke={LINE} strokeWidth="4" fill="none" strokeLinecap="round" />
      <circle cx="82" cy="24" r="3" fill="#2f6fde" />
      <circle cx="14" cy="30" r="3" fill="#0a8560" />
      <rect x="84" y="60" width="6" height="3" fill="#f04438" transform="rotate(30 87 61)" />
      <rect x="8" y="64" width="6" height="3" fill="#f4a300" transform="rotate(-30 11 65)" />
    </>
  ),
  cry: (
    <>
      {face()}
      <path
        d="M30 40q7-3 14 2M56 42q7-5 14-2"
        stroke={LINE}
        strokeWidth="3"
        fill="none"
        strokeLinecap="round"
      />
      {eyes()}
      <path d="M36 74q14-12 28 0" stroke={LINE} strokeWidth="4" fill="none" strokeLinecap="round" />
      <path d="M34 52q-4 10-1 16q5 2 6-4q0-5-5-12Z" fill="#5dadec" />
      <path d="M66 52q4 10 1 16q-5 2-6-4q0-5 5-12Z" fill="#5dadec" />
    </>
  ),
  angry: (
    <>
      {face("#f79060")}
      <path d="M28 36l16 8M72 36l-16 8" stroke={LINE} strokeWidth="4.5" strokeLinecap="round" />
      <ellipse cx="38" cy="50" rx="4" ry="5" fill={LINE} />
      <ellipse cx="62" cy="50" rx="4" ry="5" fill={LINE} />
      <path d="M36 74q14-10 28 0" stroke={LINE} strokeWidth="4" fill="none" strokeLinecap="round" />
    </>
  ),
  sleepy: (
    <>
      {face()}
      <path
        d="M30 48q7 5 14 0M56 48q7 5 14 0"
        stroke={LINE}
        strokeWidth="4"
        fill="none"
        strokeLinecap="round"
      />
      <ellipse cx="50" cy="70" rx="6" ry="4" fill={LINE} />
      <text x="68" y="26" fontSize="18" fontWeight="700" fill="#2f6fde" fontFamily="system-ui, sans-serif">
        z
      </text>
      <text x="80" y="14" fontSize="13" fontWeight="700" fill="#2f6fde" fontFamily="system-ui, sans-serif">
        z
      </text>
    </>
  ),
};
