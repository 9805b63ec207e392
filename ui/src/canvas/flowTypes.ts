// React Flow node and edge types of the mesh canvas, shared by the mapping and the
// components. Types only.
import type { Edge, Node } from '@xyflow/react';
import type { DataProduct, Domain, InputPort, OutputPort } from '../bindings';

export type ProductNodeData = {
  product: DataProduct;
  ports: readonly OutputPort[];
  ownerTitle: string | null;
  /**
   * Its inputs whose provider neither an import nor the mesh holds (source `unresolved`):
   * no edge, drawn as dangling references on the node's left.
   */
  unresolved: readonly InputPort[];
};

export type DomainNodeData = {
  domain: Domain;
  productCount: number;
  /**
   * For a subdomain, where its parent domain is drawn: its stored position is relative
   * to that point (it is drawn as a top-level node, see toFlow.ts). Null at the top.
   */
  origin: { x: number; y: number } | null;
};

export type ProductFlowNode = Node<ProductNodeData, 'product'>;
export type DomainFlowNode = Node<DomainNodeData, 'domain'>;
export type MeshFlowNode = ProductFlowNode | DomainFlowNode;

export type DependencyEdgeData = {
  /** The provider port is deprecated or retired: drawn dashed. */
  fading: boolean;
};
export type DependencyFlowEdge = Edge<DependencyEdgeData, 'dependency'>;

export type DomainLinkData = {
  /** How many dependencies run from the source domain's products to the target's. */
  count: number;
};
/** The simplified drawing's stand-in for all dependencies between two domains. */
export type DomainLinkFlowEdge = Edge<DomainLinkData, 'domainLink'>;
export type MeshFlowEdge = DependencyFlowEdge | DomainLinkFlowEdge;

/** The parts of a flow graph the simplified drawing is derived from. */
export interface FlowGraphLike {
  nodes: readonly MeshFlowNode[];
  edges: readonly DependencyFlowEdge[];
}
