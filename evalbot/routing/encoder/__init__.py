"""The sentence encoder: all-MiniLM-L6-v2 as an int8 ONNX graph, run by onnxruntime (no PyTorch)."""

from evalbot.routing.encoder.onnx_encoder import Encoder

__all__ = ["Encoder"]
