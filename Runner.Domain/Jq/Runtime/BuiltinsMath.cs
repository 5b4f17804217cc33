namespace Runner.Domain.Jq.Runtime;

internal static partial class Builtins
{
    private static void AddMath(Dictionary<string, Func<Node[], Node>> d)
    {
        Math1(d, "floor", Math.Floor);
        Math1(d, "ceil", Math.Ceiling);
        Math1(d, "round", x => Math.Round(x, MidpointRounding.AwayFromZero));
        Math1(d, "rint", x => Math.Round(x, MidpointRounding.ToEven));
        Math1(d, "nearbyint", x => Math.Round(x, MidpointRounding.ToEven));
        Math1(d, "trunc", Math.Truncate);
        Math1(d, "sqrt", Math.Sqrt);
        Math1(d, "cbrt", Math.Cbrt);
        Math1(d, "fabs", Math.Abs);
        Math1(d, "exp", Math.Exp);
        Math1(d, "exp2", x => Math.Pow(2, x));
        Math1(d, "exp10", x => Math.Pow(10, x));
        Math1(d, "expm1", x => Math.Abs(x) < 1e-5 ? x + x * x / 2 + x * x * x / 6 : Math.Exp(x) - 1);
        Math1(d, "log", Math.Log);
        Math1(d, "log2", Math.Log2);
        Math1(d, "log10", Math.Log10);
        Math1(d, "log1p", x => Math.Abs(x) < 1e-5 ? x - x * x / 2 + x * x * x / 3 : Math.Log(1 + x));
        Math1(d, "logb", x => Math.Floor(Math.Log2(Math.Abs(x))));
        Math1(d, "significand", x => x == 0 || double.IsInfinity(x) || double.IsNaN(x) ? x : x / Math.Pow(2, Math.Floor(Math.Log2(Math.Abs(x)))));
        Math1(d, "gamma", LogGamma);
        Math1(d, "lgamma", LogGamma);
        Math1(d, "tgamma", x => Math.Exp(LogGamma(x)) * (x < 0 && Math.Floor(-x) % 2 == 0 ? -1 : 1));
        Math1(d, "lgamma_r", LogGamma);
        Math1(d, "sin", Math.Sin);
        Math1(d, "cos", Math.Cos);
        Math1(d, "tan", Math.Tan);
        Math1(d, "asin", Math.Asin);
        Math1(d, "acos", Math.Acos);
        Math1(d, "atan", Math.Atan);
        Math1(d, "sinh", Math.Sinh);
        Math1(d, "cosh", Math.Cosh);
        Math1(d, "tanh", Math.Tanh);
        Math1(d, "asinh", Math.Asinh);
        Math1(d, "acosh", Math.Acosh);
        Math1(d, "atanh", Math.Atanh);
        Fn(d, "frexp", (_, v) =>
        {
            var x = Number(v);
            if (x == 0 || double.IsNaN(x) || double.IsInfinity(x))
            {
                return new JqValue(JqArray.From(new JqValue(x), new JqValue(0)));
            }

            var exponent = (int)Math.Floor(Math.Log2(Math.Abs(x))) + 1;
            return new JqValue(JqArray.From(new JqValue(x / Math.Pow(2, exponent)), new JqValue(exponent)));
        });
        Fn(d, "modf", (_, v) =>
        {
            var x = Number(v);
            var integer = Math.Truncate(x);
            return new JqValue(JqArray.From(new JqValue(double.IsInfinity(x) ? 0 : x - integer), new JqValue(integer)));
        });
        Math2(d, "pow", Math.Pow);
        Math2(d, "atan2", Math.Atan2);
        Math2(d, "fmin", Math.Min);
        Math2(d, "fmax", Math.Max);
        Math2(d, "fmod", (a, b) => a % b);
        Math2(d, "drem", Math.IEEERemainder);
        Math2(d, "ldexp", (a, b) => a * Math.Pow(2, b));
        Math2(d, "scalb", (a, b) => a * Math.Pow(2, b));
        Math2(d, "scalbln", (a, b) => a * Math.Pow(2, b));
        Math2(d, "nextafter", (a, b) => a == b ? b : a < b ? Math.BitIncrement(a) : Math.BitDecrement(a));
        Math2(d, "nexttoward", (a, b) => a == b ? b : a < b ? Math.BitIncrement(a) : Math.BitDecrement(a));
        Math2(d, "copysign", Math.CopySign);
        Math2(d, "fdim", (a, b) => a > b ? a - b : 0);
        Math2(d, "hypot", (a, b) => Math.Sqrt(a * a + b * b));
        Fn(d, "fma", (_, _, a, b, x) => new JqValue(Math.FusedMultiplyAdd(Number(a), Number(b), Number(x))));
    }

    private static void Math1(Dictionary<string, Func<Node[], Node>> d, string name, Func<double, double> f) =>
        Fn(d, name, (_, v) => new JqValue(f(Number(v))));

    private static void Math2(Dictionary<string, Func<Node[], Node>> d, string name, Func<double, double, double> f) =>
        Fn(d, name, (_, _, a, b) => new JqValue(f(Number(a), Number(b))));

    // Lanczos approximation of ln|Γ(x)|.
    private static double LogGamma(double x)
    {
        if (x < 0.5)
        {
            return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        }

        double[] g = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61503916999185,
            12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
        x -= 1;
        var a = g[0];
        var t = x + 7.5;
        for (var i = 1; i < 9; i++)
        {
            a += g[i] / (x + i);
        }

        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(a);
    }
}
