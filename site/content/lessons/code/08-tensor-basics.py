# Tensors behave much like NumPy arrays.
import numpy as np
import torch

a = torch.tensor([[1.0, 2.0, 3.0],
                  [4.0, 5.0, 6.0]])
print("shape", tuple(a.shape), "dtype", a.dtype)
print("a * 10 =", (a * 10).tolist())          # element-wise, like NumPy
print("column sums", a.sum(dim=0).tolist())   # reduce along the first dimension
print("a[1] =", a[1].tolist())                # indexing and slicing as in NumPy

n = np.arange(4)
t = torch.from_numpy(n)                       # NumPy -> tensor, sharing memory
print("from NumPy:", t.tolist(), "back:", t.numpy())
