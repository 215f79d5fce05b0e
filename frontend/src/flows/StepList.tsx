/** One sequence of nodes: a "+" before each, each node (a card or a block), and a last "+"
 * unless the sequence ends with an end node. */
import { Fragment } from "react";
import AddButton from "./AddButton";
import { useCanvas } from "./canvasContext";
import NodeView from "./NodeView";
import type { FlowNode } from "./types";

export default function StepList({ list, steps }: { list: string; steps: FlowNode[] }) {
  const { nodeTypes } = useCanvas();
  const terminal = (n: FlowNode) => Boolean(nodeTypes.get(n.type)?.terminal) || n.type === "end";
  const ended = steps.length > 0 && terminal(steps[steps.length - 1]);
  return (
    <div className="tfl-list">
      {steps.map((node, i) => (
        <Fragment key={node.id ?? i}>
          <AddButton list={list} index={i} />
          <NodeView node={node} pointer={`${list}/${i}`} />
        </Fragment>
      ))}
      {!ended && <AddButton list={list} index={steps.length} />}
    </div>
  );
}
