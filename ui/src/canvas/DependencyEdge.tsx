// A dependency (an input port reading another product's output port) drawn from the
// provider's port handle to the consumer's input handle. Display only; memoised.
import { memo } from 'react';
import { BaseEdge, getBezierPath, type EdgeProps } from '@xyflow/react';
import type { DependencyFlowEdge } from './flowTypes';

function DependencyEdgeImpl(props: EdgeProps<DependencyFlowEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, selected, data } = props;
  const [path] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const classes = ['dependency-edge', selected ? 'is-selected' : '', data?.fading ? 'is-fading' : ''];
  return (
    <g className={classes.join(' ')} data-testid="dependency-edge" data-id={id}>
      <BaseEdge id={id} path={path} interactionWidth={14} markerEnd={selected ? 'url(#mw-arrow-selected)' : 'url(#mw-arrow)'} />
    </g>
  );
}

export const DependencyEdge = memo(DependencyEdgeImpl);
