/** A node on the canvas: a block (branch, parallel, for-each: its card above its step lists)
 * or a single card. */
import BlockView from "./BlockView";
import NodeCard from "./NodeCard";
import { blocksOf } from "./tree";
import type { FlowNode } from "./types";

export default function NodeView({ node, pointer }: { node: FlowNode; pointer: string }) {
  const blocks = blocksOf(node, pointer);
  if (!blocks.length && node.type !== "branch" && node.type !== "parallel" && node.type !== "for_each") {
    return <NodeCard node={node} />;
  }
  return <BlockView node={node} blocks={blocks} />;
}
