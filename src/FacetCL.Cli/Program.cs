using FacetCL.Model;
using TorchSharp;
var model = SentenceModel.LoadBase();
model.Encoder.eval();
var texts = new[] { "The patient has had a persistent low fever for three days.", "A man is playing a guitar.", "Héllo wörld, naïve café!" };
var enc = texts.Select(t => model.Tokenizer.Encode(t, 256)).ToList();
foreach (var e in enc) Console.WriteLine(string.Join(" ", e));
using var ort = new OnnxRuntimeEncoder(PretrainedMiniLm.OnnxPath, model.Tokenizer);
var (vals, shape) = ort.LastHidden(enc);
using var batch = model.Tokenizer.Pad(enc);
using var ng = torch.no_grad();
var ours = model.Encoder.forward(batch.InputIds, batch.AttentionMask, null).data<float>().ToArray();
double max = 0; for (int i = 0; i < ours.Length; i++) { if (batch.AttentionMask.data<long>()[i / shape[2]] == 0) continue; max = Math.Max(max, Math.Abs(ours[i] - vals[i])); }
Console.WriteLine($"max abs diff {max:E3} over {ours.Length}");
