using TorchSharp;
using static TorchSharp.torch;

namespace FacetCL.Diagnostics;

/// <summary>
/// A multinomial logistic-regression probe (Alain &amp; Bengio 2016, "Understanding intermediate layers
/// using linear classifier probes"): how linearly readable a label is from a set of vectors. Features
/// are standardised with the training rows' mean and standard deviation; the objective is scikit-learn's
/// default <c>LogisticRegression(C=1)</c>, written per row:
/// <c>J(W, b) = (1/n) Σ_i −log softmax(W·x_i + b)[y_i] + ‖W‖²_F / (2·C·n)</c>, with class 0's
/// logit fixed at 0 (the softmax is unchanged by a shift, so K−1 classes carry parameters and the
/// problem is strictly convex). Minimised by Newton's method (iteratively reweighted least squares)
/// with step halving, in float64 on LibTorch, until the largest gradient component is below
/// <see cref="Tolerance"/>: the exact optimum in a handful of iterations, deterministic.
/// </summary>
public sealed class LinearProbe
{
    public const int MaxIterations = 100;
    public const double Tolerance = 1e-8;
    readonly float[] weights; // [classes, dim], row 0 zero
    readonly float[] bias;    // [classes], 0 for class 0
    readonly float[] mean, scale;

    public int Classes { get; }
    public int Dim { get; }
    public int Iterations { get; }
    public double TrainAccuracy { get; }

    LinearProbe(float[] weights, float[] bias, float[] mean, float[] scale, int classes, int dim, int iterations, double trainAccuracy)
    {
        (this.weights, this.bias, this.mean, this.scale) = (weights, bias, mean, scale);
        (Classes, Dim, Iterations, TrainAccuracy) = (classes, dim, iterations, trainAccuracy);
    }

    /// <param name="labels">class of each row, 0 … classes−1</param>
    /// <param name="c">inverse regularisation strength (scikit-learn's C)</param>
    public static LinearProbe Fit(EmbeddingMatrix x, IReadOnlyList<int> labels, double c = 1.0)
    {
        if (x.Rows != labels.Count) throw new ArgumentException($"{x.Rows} rows but {labels.Count} labels");
        if (x.Rows < 2) throw new ArgumentException("a probe needs at least two training rows");
        if (labels.Any(l => l < 0)) throw new ArgumentException("labels must be 0 or more");
        if (labels.Distinct().Count() < 2) throw new ArgumentException("a probe needs at least two classes in its training rows");
        var classes = labels.Max() + 1;
        int n = x.Rows, d = x.Dim, k = classes - 1, d1 = d + 1;

        using var scope = NewDisposeScope();
        var raw = tensor(x.Data, [n, d]).to(float64);
        var mu = raw.mean([0]);
        var sd = raw.std(0, unbiased: false).clamp_min(1e-8);
        var features = cat([(raw - mu) / sd, ones(n, 1, dtype: float64)], 1); // [n, d+1], bias last
        var yFull = nn.functional.one_hot(tensor(labels.Select(l => (long)l).ToArray()), classes).to(float64); // [n, classes]
        var y = yFull[.., 1..]; // [n, k]
        var ridge = ones(d1, dtype: float64) / (c * n);
        ridge[d] = 1e-10; // the bias is not penalised; a tiny ridge keeps separable data finite
        var theta = zeros(k, d1, dtype: float64);

        double Objective(Tensor t)
        {
            var logits = cat([zeros(n, 1, dtype: float64), features.matmul(t.t())], 1);
            var nll = -(logits.log_softmax(1) * yFull).sum();
            return nll.item<double>() / n + 0.5 * (t.pow(2) * ridge).sum().item<double>();
        }

        var iterations = 0;
        var value = Objective(theta);
        for (; iterations < MaxIterations; iterations++)
        {
            using var step = NewDisposeScope();
            var logits = cat([zeros(n, 1, dtype: float64), features.matmul(theta.t())], 1);
            var p = logits.softmax(1)[.., 1..]; // [n, k]
            var gradient = (p - y).t().matmul(features) / n + theta * ridge; // [k, d+1]
            if (gradient.abs().max().item<double>() < Tolerance) break;
            // Hessian blocks H_ab = (1/n) Xᵀ diag(δ_ab p_a − p_a p_b) X (+ ridge on the diagonal blocks).
            var hessian = zeros(k * d1, k * d1, dtype: float64);
            for (var a = 0; a < k; a++)
                for (var b = a; b < k; b++)
                {
                    var w = (a == b ? p[.., a] : zeros(n, dtype: float64)) - p[.., a] * p[.., b];
                    var block = features.t().matmul(features * w.unsqueeze(1)) / n;
                    if (a == b) block += diag(ridge);
                    hessian[(a * d1)..((a + 1) * d1), (b * d1)..((b + 1) * d1)] = block;
                    if (a != b) hessian[(b * d1)..((b + 1) * d1), (a * d1)..((a + 1) * d1)] = block;
                }
            var direction = linalg.solve(hessian, gradient.flatten()).view(k, d1);
            // Step halving keeps every iteration a descent step.
            var scaleStep = 1.0;
            Tensor next;
            double nextValue;
            do
            {
                next = theta - direction * scaleStep;
                nextValue = Objective(next);
                scaleStep /= 2;
            } while (nextValue > value && scaleStep > 1e-6);
            theta.copy_(next);
            if (Math.Abs(value - nextValue) < 1e-15) { iterations++; break; }
            value = nextValue;
        }

        var w0 = cat([zeros(1, d1, dtype: float64), theta], 0); // [classes, d+1]
        var predicted = features.matmul(w0.t()).argmax(1);
        var truth = tensor(labels.Select(l => (long)l).ToArray());
        var trainAccuracy = predicted.eq(truth).to(float64).mean().item<double>();
        return new LinearProbe(Floats(w0[.., ..d]), Floats(w0[.., d]), Floats(mu), Floats(sd), classes, d, iterations, trainAccuracy);
    }

    static float[] Floats(Tensor t) => t.detach().to(float32).contiguous().data<float>().ToArray();

    /// <summary>Predicted class of each row.</summary>
    public int[] Predict(EmbeddingMatrix x)
    {
        if (x.Dim != Dim) throw new ArgumentException($"the probe was fitted on {Dim} dimensions, not {x.Dim}");
        var predicted = new int[x.Rows];
        var logits = new double[Classes];
        for (var i = 0; i < x.Rows; i++)
        {
            var row = x.Row(i);
            for (var k = 0; k < Classes; k++)
            {
                double s = bias[k];
                for (var j = 0; j < Dim; j++) s += weights[k * Dim + j] * ((row[j] - mean[j]) / scale[j]);
                logits[k] = s;
            }
            var best = 0;
            for (var k = 1; k < Classes; k++) if (logits[k] > logits[best]) best = k;
            predicted[i] = best;
        }
        return predicted;
    }

    /// <summary>Share of rows whose predicted class is their label.</summary>
    public double Accuracy(EmbeddingMatrix x, IReadOnlyList<int> labels)
    {
        if (x.Rows != labels.Count) throw new ArgumentException($"{x.Rows} rows but {labels.Count} labels");
        if (x.Rows == 0) throw new ArgumentException("no rows to test on");
        var predicted = Predict(x);
        return predicted.Where((p, i) => p == labels[i]).Count() / (double)x.Rows;
    }
}
