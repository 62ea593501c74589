using System.Globalization;
using System.Text;
using FacetCL.Model;

namespace FacetCL.Export;

/// <summary>
/// The README.md of an exported sentence-transformers folder: what the model is, how it was made (as far
/// as <see cref="ModelSettings"/> records it), what the export leaves out, and how to use it.
/// The YAML header is the Hugging Face Hub's model-card metadata.
/// </summary>
internal static class ModelCard
{
    public static string Render(SentenceModel model, string name)
    {
        var c = model.Config;
        var s = model.Settings;
        var hubBase = s.BaseModel == PretrainedMiniLm.Name ? $"sentence-transformers/{PretrainedMiniLm.Name}" : s.BaseModel;
        var output = $"{c.HiddenSize}-dimensional vectors: mean pooling over real tokens" + (s.Normalize ? ", L2-normalised (use cosine or dot product)" : "");
        var training = s.TrainedSteps > 0
            ? $"Fine-tuned from {s.BaseModel} with facetcl for {s.TrainedSteps.ToString(CultureInfo.InvariantCulture)} steps" +
              (s.SelectedStep is { } step ? $"; the exported weights are those of step {step.ToString(CultureInfo.InvariantCulture)}, the selected checkpoint." : ".")
            : $"No facetcl training is recorded: these are the weights of {s.BaseModel} as facetcl loaded them.";

        var card = new StringBuilder();
        card.AppendLine("---");
        card.AppendLine("library_name: sentence-transformers");
        card.AppendLine("pipeline_tag: sentence-similarity");
        card.AppendLine("tags: [sentence-transformers, feature-extraction, sentence-similarity, facetcl]");
        card.AppendLine($"base_model: {hubBase}");
        card.AppendLine("---");
        card.AppendLine();
        card.AppendLine($"# {name}");
        card.AppendLine();
        card.AppendLine("A sentence encoder exported by facetcl in the sentence-transformers folder format.");
        card.AppendLine();
        card.AppendLine("## Model");
        card.AppendLine();
        card.AppendLine($"- Architecture: BERT encoder, {c.NumHiddenLayers} layers, hidden size {c.HiddenSize}, {c.NumAttentionHeads} attention heads, intermediate size {c.IntermediateSize}, vocabulary {c.VocabSize}, uncased WordPiece.");
        card.AppendLine($"- Output: {output}.");
        card.AppendLine($"- Maximum sequence length: {s.MaxSeqLength} word pieces (longer texts are truncated).");
        card.AppendLine($"- Base model: {s.BaseModel}.");
        card.AppendLine($"- Training: {training}");
        card.AppendLine();
        card.AppendLine("## Not included");
        card.AppendLine();
        card.AppendLine("Factor vectors (facetcl's per-facet projections) are not part of this export: only the main sentence vector is.");
        if (model.Factors is not null)
            card.AppendLine($"This model has factor heads ({model.Factors.Config.FactorDim}-d vectors for syntax, role density, sentiment, factuality and temporal explicitness); load the facetcl model folder with `SentenceModel.Load` and call `EncodeTensor` to get them.");
        if (model.Roles is not null)
            card.AppendLine("The model was trained with a role-aware position signal (subject / predicate / object roles from a parse added to the input embeddings). sentence-transformers has no input for it, so this export always encodes without roles, as the model does when no parse is available (it was trained with role dropout for that). facetcl's ONNX export takes the roles as an optional `role_ids` input.");
        card.AppendLine();
        card.AppendLine("## Usage (Python)");
        card.AppendLine();
        card.AppendLine("```python");
        card.AppendLine("from sentence_transformers import SentenceTransformer");
        card.AppendLine();
        card.AppendLine($"model = SentenceTransformer(\"path/to/{name}\")");
        card.AppendLine("embeddings = model.encode([\"A man is playing a guitar.\", \"Someone plays music.\"])");
        card.AppendLine("print(model.similarity(embeddings, embeddings))");
        card.AppendLine("```");
        card.AppendLine();
        card.AppendLine("## Usage (facetcl, C#)");
        card.AppendLine();
        card.AppendLine("```csharp");
        card.AppendLine($"using var model = FacetCL.Model.SentenceModel.Load(\"path/to/{name}\");");
        card.AppendLine("float[][] embeddings = model.Encode([\"A man is playing a guitar.\", \"Someone plays music.\"]);");
        card.AppendLine("```");
        return card.ToString();
    }
}
