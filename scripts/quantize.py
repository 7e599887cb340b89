"""Makes the two ONNX files Dossier uses for all-MiniLM-L6-v2 from the weight-only int8 file published on PyPI.

    python quantize.py SOURCE.onnx FP32_OUT.onnx INT8_OUT.onnx

1. fold: the PyPI graph stores each weight as int8 plus a scale (`Cast` + `Mul` inside the graph), so ONNX Runtime
   folds them back into fp32 constants and runs fp32 kernels. Folding those pairs here gives the plain fp32 graph
   (onnx/model.onnx, transformers.js dtype 'fp32').
2. quantize: onnxruntime's `quantize_dynamic` (QInt8 weights, per output channel) turns the fp32 graph into a real
   int8 model (MatMulInteger / DynamicQuantizeLinear), onnx/model_quantized.onnx (dtype 'q8'). Its weights and
   scales reproduce the published int8 ones, and the output is byte-identical on every run with the pinned packages
   (scripts/offline-models.sh checks its sha256).

Run by `npm run models:offline` in a throwaway venv with pinned packages; not needed at run time.
"""

import sys

import numpy as np
import onnx
from onnx import numpy_helper
from onnxruntime.quantization import QuantType, quantize_dynamic


def fold(model: onnx.ModelProto) -> onnx.ModelProto:
    graph = model.graph
    inits = {t.name: t for t in graph.initializer}
    producers = {o: n for n in graph.node for o in n.output}
    drop_nodes, drop_inits, new_inits = set(), set(), []
    for mul in graph.node:
        if mul.op_type != "Mul" or len(mul.input) != 2:
            continue
        cast = producers.get(mul.input[0])
        scale = inits.get(mul.input[1])
        if cast is None or cast.op_type != "Cast" or scale is None or cast.input[0] not in inits:
            continue
        q = numpy_helper.to_array(inits[cast.input[0]])
        if q.dtype != np.int8:
            continue
        w = q.astype(np.float32) * numpy_helper.to_array(scale).astype(np.float32)
        new_inits.append(numpy_helper.from_array(w.astype(np.float32), mul.output[0]))
        drop_nodes.update([id(cast), id(mul)])
        drop_inits.update([cast.input[0], mul.input[1]])
    # An initializer may feed something else too: keep those.
    still_used = {i for n in graph.node if id(n) not in drop_nodes for i in n.input}
    kept_nodes = [n for n in graph.node if id(n) not in drop_nodes]
    kept_inits = [t for t in graph.initializer if t.name not in drop_inits or t.name in still_used]
    del graph.node[:]
    graph.node.extend(kept_nodes)
    del graph.initializer[:]
    graph.initializer.extend(kept_inits + new_inits)
    onnx.checker.check_model(model)
    print(f"folded {len(new_inits)} int8 weights to fp32", file=sys.stderr)
    return model


def main() -> None:
    source, fp32_out, int8_out = sys.argv[1:4]
    onnx.save(fold(onnx.load(source)), fp32_out)
    quantize_dynamic(fp32_out, int8_out, weight_type=QuantType.QInt8, per_channel=True)


if __name__ == "__main__":
    main()
