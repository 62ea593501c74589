#!/usr/bin/env bash
# `make demo`: train (or resume / re-evaluate) the demo run, export it both ways, and check that
# the exported ONNX model reproduces the trained model's STS-B test score.
set -euo pipefail
cd "$(dirname "$0")/.."
config="${DEMO_CONFIG:-configs/demo.yaml}"
run="runs/$(sed -n 's/^name: *//p' "$config" | head -n1)"
start=$(date +%s)

./facetcl train --config "$config" --resume

./facetcl export --model "$run/model" --format onnx --out "$run/export/onnx"
./facetcl export --model "$run/model" --format sentence-transformers --out "$run/export/sentence-transformers"
onnx_json=$(./facetcl eval --model "$run/model" --engine onnx --onnx-file "$run/export/onnx/model.onnx" --pairs stsb:test)
torch_score=$(grep -o '"stsb_test_spearman_after": *[-0-9.]*' "$run/metrics.json" | grep -o '[-0-9.]*$')
onnx_score=$(grep -o '"spearman":[-0-9.]*' <<<"$onnx_json" | grep -o '[-0-9.]*$')
echo
echo "STS-B test Spearman of the trained model: facetcl (TorchSharp) $torch_score, exported ONNX on ONNX Runtime $onnx_score"
awk -v a="$torch_score" -v b="$onnx_score" 'BEGIN { d = a - b; if (d < 0) d = -d; printf "difference %.4f (must be <= 0.01)\n", d; exit (d <= 0.01 ? 0 : 1) }'
echo "outputs: $run/ (metrics.json, train_log.jsonl, model/, export/); demo took $(( $(date +%s) - start )) s"
