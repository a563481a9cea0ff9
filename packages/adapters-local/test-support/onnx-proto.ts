import protobuf from 'protobufjs';

/**
 * The few ONNX protobuf messages (onnx.proto3, field numbers as upstream) needed to write a
 * small float32 graph; defined inline because no ONNX writer ships for Node.
 */
const ONNX_PROTO = `
syntax = "proto3";
package onnx;
message AttributeProto { string name = 1; int64 i = 3; repeated int64 ints = 8; int32 type = 20; }
message NodeProto {
  repeated string input = 1; repeated string output = 2; string name = 3; string op_type = 4;
  repeated AttributeProto attribute = 5;
}
message TensorProto {
  repeated int64 dims = 1; int32 data_type = 2; repeated float float_data = 4;
  repeated int64 int64_data = 7; string name = 8;
}
message TensorShapeProto {
  message Dimension { int64 dim_value = 1; string dim_param = 2; }
  repeated Dimension dim = 1;
}
message TypeProto {
  message Tensor { int32 elem_type = 1; TensorShapeProto shape = 2; }
  Tensor tensor_type = 1;
}
message ValueInfoProto { string name = 1; TypeProto type = 2; }
message GraphProto {
  repeated NodeProto node = 1; string name = 2; repeated TensorProto initializer = 5;
  repeated ValueInfoProto input = 11; repeated ValueInfoProto output = 12;
}
message OperatorSetIdProto { string domain = 1; int64 version = 2; }
message ModelProto {
  int64 ir_version = 1; string producer_name = 2; GraphProto graph = 7;
  repeated OperatorSetIdProto opset_import = 8;
}
`;

const ModelProto = protobuf.parse(ONNX_PROTO).root.lookupType('onnx.ModelProto');

/** ONNX element types used here. */
export const ONNX_FLOAT = 1;
export const ONNX_INT64 = 7;

/** A graph node: op type, inputs, outputs and integer(-list) attributes. */
export interface OnnxNode {
  op: string;
  inputs: string[];
  outputs: string[];
  attributes?: Record<string, number | number[]>;
}

/** A graph input or output: name, element type and dims (a string is a symbolic dim). */
export interface OnnxValue {
  name: string;
  type: number;
  dims: Array<number | string>;
}

/** A float32 weight tensor. */
export interface OnnxInitializer {
  name: string;
  dims: number[];
  values: readonly number[];
}

/** What `encodeOnnxModel` writes. */
export interface OnnxGraph {
  nodes: OnnxNode[];
  inputs: OnnxValue[];
  outputs: OnnxValue[];
  initializers: OnnxInitializer[];
  /** Default opset 13. */
  opset?: number;
}

const valueInfo = (value: OnnxValue) => ({
  name: value.name,
  type: {
    tensorType: {
      elemType: value.type,
      shape: { dim: value.dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
    },
  },
});

// AttributeProto.AttributeType: INT = 2, INTS = 7.
const attribute = (name: string, value: number | number[]) =>
  Array.isArray(value) ? { name, ints: value, type: 7 } : { name, i: value, type: 2 };

/** Serialises a graph as an ONNX ModelProto (IR version 8) that onnxruntime loads. */
export const encodeOnnxModel = (graph: OnnxGraph): Uint8Array => {
  const message = ModelProto.fromObject({
    irVersion: 8,
    producerName: 'docent-test',
    opsetImport: [{ domain: '', version: graph.opset ?? 13 }],
    graph: {
      name: 'docent_test_graph',
      node: graph.nodes.map((node, i) => ({
        name: `n${i}`,
        opType: node.op,
        input: node.inputs,
        output: node.outputs,
        attribute: Object.entries(node.attributes ?? {}).map(([name, value]) => attribute(name, value)),
      })),
      initializer: graph.initializers.map((init) => ({
        name: init.name,
        dims: init.dims,
        dataType: ONNX_FLOAT,
        floatData: [...init.values],
      })),
      input: graph.inputs.map(valueInfo),
      output: graph.outputs.map(valueInfo),
    },
  });
  return ModelProto.encode(message).finish();
};
