"""Rebuilds a float32 TFLite graph as a PyTorch module, op by op.

Covers the ops of MediaPipe's iris_landmark.tflite: CONV_2D,
DEPTHWISE_CONV_2D, PRELU, ADD, MAX_POOL_2D, PAD and RESHAPE (anything else is
an error naming the op). Tensors are kept NCHW inside; every TFLite tensor
shape is static, so SAME padding is worked out once from the graph's shapes.
"""

from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F
import tflite

_OP_NAMES = {v: k for k, v in tflite.BuiltinOperator.__dict__.items() if not k.startswith("_")}
_ACTIVATIONS = {
    tflite.ActivationFunctionType.NONE: None,
    tflite.ActivationFunctionType.RELU: F.relu,
    tflite.ActivationFunctionType.RELU6: lambda x: F.hardtanh(x, 0.0, 6.0),
}


def _same_pad(size: int, kernel: int, stride: int, dilation: int) -> tuple[int, int]:
    """TensorFlow's SAME padding (the extra pixel goes after)."""
    out = -(-size // stride)
    total = max((out - 1) * stride + (kernel - 1) * dilation + 1 - size, 0)
    return total // 2, total - total // 2


class _Op(torch.nn.Module):
    def __init__(self, inputs: list[int], output: int):
        super().__init__()
        self.inputs = inputs
        self.output = output


class _Conv(_Op):
    def __init__(self, inputs, output, weight, bias, stride, dilation, pads, groups, activation):
        super().__init__(inputs, output)
        self.weight = torch.nn.Parameter(weight, requires_grad=False)
        self.bias = torch.nn.Parameter(bias, requires_grad=False)
        self.stride, self.dilation, self.pads, self.groups = stride, dilation, pads, groups
        self.activation = activation

    def forward(self, x):
        if any(self.pads):
            x = F.pad(x, self.pads)
        x = F.conv2d(x, self.weight, self.bias, self.stride, 0, self.dilation, self.groups)
        return self.activation(x) if self.activation is not None else x


class _PRelu(_Op):
    def __init__(self, inputs, output, alpha):
        super().__init__(inputs, output)
        self.alpha = torch.nn.Parameter(alpha, requires_grad=False)

    def forward(self, x):
        return F.prelu(x, self.alpha)


class _Add(_Op):
    def __init__(self, inputs, output, activation):
        super().__init__(inputs, output)
        self.activation = activation

    def forward(self, a, b):
        x = a + b
        return self.activation(x) if self.activation is not None else x


class _MaxPool(_Op):
    def __init__(self, inputs, output, kernel, stride, pads, activation):
        super().__init__(inputs, output)
        self.kernel, self.stride, self.pads, self.activation = kernel, stride, pads, activation

    def forward(self, x):
        if any(self.pads):
            x = F.pad(x, self.pads, value=float("-inf"))
        x = F.max_pool2d(x, self.kernel, self.stride)
        return self.activation(x) if self.activation is not None else x


class _Pad(_Op):
    def __init__(self, inputs, output, pads):
        super().__init__(inputs, output)
        self.pads = pads

    def forward(self, x):
        return F.pad(x, self.pads)


class _Reshape(_Op):
    def __init__(self, inputs, output, shape):
        super().__init__(inputs, output)
        self.shape = shape  # NHWC target shape without the batch

    def forward(self, x):
        nhwc = x.permute(0, 2, 3, 1) if x.dim() == 4 else x
        return nhwc.reshape([x.shape[0]] + self.shape)


class TfliteNet(torch.nn.Module):
    """The graph of subgraph 0 of a .tflite file as a PyTorch module.

    `forward` takes the NCHW version of each graph input and returns the graph
    outputs in TFLite's own layout (NHWC where they are 4-D)."""

    def __init__(self, path: str):
        super().__init__()
        self.model = tflite.Model.GetRootAsModel(open(path, "rb").read(), 0)
        g = self.model.Subgraphs(0)
        self.graph = g
        self.graph_inputs = [int(i) for i in g.InputsAsNumpy()]
        self.graph_outputs = [int(i) for i in g.OutputsAsNumpy()]
        self.ops = torch.nn.ModuleList(self._build(i) for i in range(g.OperatorsLength()))
        del self.model, self.graph

    def _shape(self, index: int) -> list[int]:
        return self.graph.Tensors(index).ShapeAsNumpy().tolist()

    def _data(self, index: int) -> np.ndarray:
        t = self.graph.Tensors(index)
        if t.Type() != tflite.TensorType.FLOAT32 and t.Type() != tflite.TensorType.INT32:
            raise ValueError(f"tensor {t.Name().decode()}: unsupported type {t.Type()}")
        raw = self.model.Buffers(t.Buffer()).DataAsNumpy()
        dtype = np.float32 if t.Type() == tflite.TensorType.FLOAT32 else np.int32
        return np.frombuffer(raw.tobytes(), dtype=dtype).reshape(self._shape(index)).copy()

    def _build(self, i: int) -> _Op:
        op = self.graph.Operators(i)
        code = self.model.OperatorCodes(op.OpcodeIndex())
        kind = max(code.BuiltinCode(), code.DeprecatedBuiltinCode())
        name = _OP_NAMES.get(kind, str(kind))
        ins = [int(x) for x in op.InputsAsNumpy()]
        out = int(op.OutputsAsNumpy()[0])
        opts = op.BuiltinOptions()

        def options(cls):
            o = cls()
            o.Init(opts.Bytes, opts.Pos)
            return o

        def activation(o):
            fused = o.FusedActivationFunction()
            if fused not in _ACTIVATIONS:
                raise ValueError(f"op {i} {name}: unsupported fused activation {fused}")
            return _ACTIVATIONS[fused]

        if name in ("CONV_2D", "DEPTHWISE_CONV_2D"):
            depthwise = name == "DEPTHWISE_CONV_2D"
            o = options(tflite.DepthwiseConv2DOptions if depthwise else tflite.Conv2DOptions)
            w = self._data(ins[1])  # conv: [O, KH, KW, I]; depthwise: [1, KH, KW, C*M]
            kh, kw = w.shape[1], w.shape[2]
            in_shape = self._shape(ins[0])
            if depthwise:
                weight = torch.from_numpy(w[0].transpose(2, 0, 1)[:, None])
                groups = in_shape[3]
            else:
                weight = torch.from_numpy(w.transpose(0, 3, 1, 2))
                groups = 1
            bias = torch.from_numpy(self._data(ins[2])) if len(ins) > 2 and ins[2] >= 0 else torch.zeros(weight.shape[0])
            stride = (o.StrideH(), o.StrideW())
            dilation = (o.DilationHFactor(), o.DilationWFactor())
            pads = (0, 0, 0, 0)
            if o.Padding() == tflite.Padding.SAME:
                top, bottom = _same_pad(in_shape[1], kh, stride[0], dilation[0])
                left, right = _same_pad(in_shape[2], kw, stride[1], dilation[1])
                pads = (left, right, top, bottom)
            return _Conv(ins[:1], out, weight.contiguous(), bias, stride, dilation, pads, groups, activation(o))
        if name == "PRELU":
            alpha = self._data(ins[1]).reshape(-1)
            return _PRelu(ins[:1], out, torch.from_numpy(alpha))
        if name == "ADD":
            return _Add(ins, out, activation(options(tflite.AddOptions)))
        if name == "MAX_POOL_2D":
            o = options(tflite.Pool2DOptions)
            in_shape = self._shape(ins[0])
            kernel, stride = (o.FilterHeight(), o.FilterWidth()), (o.StrideH(), o.StrideW())
            pads = (0, 0, 0, 0)
            if o.Padding() == tflite.Padding.SAME:
                top, bottom = _same_pad(in_shape[1], kernel[0], stride[0], 1)
                left, right = _same_pad(in_shape[2], kernel[1], stride[1], 1)
                pads = (left, right, top, bottom)
            return _MaxPool(ins[:1], out, kernel, stride, pads, activation(o))
        if name == "PAD":
            p = self._data(ins[1])  # NHWC [[before, after] x 4]
            if p[0].any():
                raise ValueError(f"op {i} PAD: padding the batch is not supported")
            pads = (int(p[2, 0]), int(p[2, 1]), int(p[1, 0]), int(p[1, 1]), int(p[3, 0]), int(p[3, 1]))
            return _Pad(ins[:1], out, pads)
        if name == "RESHAPE":
            return _Reshape(ins[:1], out, self._shape(out)[1:])
        raise ValueError(f"op {i}: {name} is not supported")

    def forward(self, *inputs: torch.Tensor):
        values = dict(zip(self.graph_inputs, inputs))
        for op in self.ops:
            values[op.output] = op(*[values[i] for i in op.inputs])
        return tuple(values[i] for i in self.graph_outputs)
