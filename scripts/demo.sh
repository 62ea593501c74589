#!/usr/bin/env bash
# `make demo`: train (or resume / re-evaluate) the demo run, export it both ways, check that the
# exported ONNX model reproduces the trained model's STS-B test score, then diagnose the trained and
# the base model (task-free metrics, appended to the run's trend store $run/quality.db) and write the
# quality report $run/report.html. Run again with the same config, the finished model is re-used and
# the report's trend lines gain a point each.
set -euo pipefail
cd "$(dirname "$0")/.."
config="${DEMO_CONFIG:-configs/demo.yaml}"
run="runs/$(sed -n 's/^name: *//p' "$config" | head -n1)"
start=$(date +%s)

./facetcl train --config "$config" --resume
steps=$(grep -o '"steps": *[0-9]*' "$run/metrics.json" | head -n1 | grep -o '[0-9]*$')
resumed=$(grep -o '"resumed_from_step": *[0-9]*' "$run/metrics.json" | head -n1 | grep -o '[0-9]*$')
if [ "${resumed:-0}" -gt 0 ] && [ "${resumed:-0}" -eq "${steps:-0}" ]; then
  echo
  echo "demo: re-used the trained model: $run had already finished all $steps steps (train --resume trained nothing, only re-evaluated it)"
fi

./facetcl export --model "$run/model" --format onnx --out "$run/export/onnx"
./facetcl export --model "$run/model" --format sentence-transformers --out "$run/export/sentence-transformers"
onnx_json=$(./facetcl eval --model "$run/model" --engine onnx --onnx-file "$run/export/onnx/model.onnx" --pairs stsb:test)
torch_score=$(grep -o '"stsb_test_spearman_after": *[-0-9.]*' "$run/metrics.json" | grep -o '[-0-9.]*$')
onnx_score=$(grep -o '"spearman":[-0-9.]*' <<<"$onnx_json" | grep -o '[-0-9.]*$')
echo
echo "STS-B test Spearman of the trained model: facetcl (TorchSharp) $torch_score, exported ONNX on ONNX Runtime $onnx_score"
awk -v a="$torch_score" -v b="$onnx_score" 'BEGIN { d = a - b; if (d < 0) d = -d; printf "difference %.4f (must be <= 0.01)\n", d; exit (d <= 0.01 ? 0 : 1) }'

# Task-free diagnostics of the trained and the base model (default data: STS-B test pairs + XNLI-en
# validation pairs), both appended to the run's trend store, and the HTML report of that store.
echo
./facetcl diagnose --model "$run/model" --store "$run/quality.db"
./facetcl diagnose --model base --store "$run/quality.db" --out "$run/base-diagnostics.json"
./facetcl dashboard --store "$run/quality.db" --model "$run/model" --out "$run/report.html"
echo "outputs: $run/ (metrics.json, train_log.jsonl, model/, export/, quality.db, report.html); demo took $(( $(date +%s) - start )) s"
